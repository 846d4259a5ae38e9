package reencrypt

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nfrekey/nfrekey/reencrypt/agenix"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// A repo may keep several agenix rules files (one per host group or
// sub-flake). Each governs the .age paths it names and keeps its own
// .nfrekey.lock beside it; an .age file is undeclared only when none
// names it, and a path two of them name is refused: which recipients it
// should have would depend on the order nfrekey read them in.

// rulesSource is one agenix rules file of a run: a path to evaluate, or
// rules already evaluated (an edit's new rules, a test's).
type rulesSource struct {
	file  string
	rules *secretsnix.Rules
}

// rulesSources lists the rules files of a run: the single file (or
// evaluated rules) first, then the others.
func rulesSources(file string, rules *secretsnix.Rules, files []string) []rulesSource {
	var out []rulesSource
	if file != "" || rules != nil {
		out = append(out, rulesSource{file: file, rules: rules})
	}
	for _, f := range files {
		out = append(out, rulesSource{file: f})
	}
	return out
}

// auditAge audits every rules file (one agenix inventory each) and checks
// that they can be used together.
func auditAge(ctx context.Context, srcs []rulesSource, opts AuditOptions) ([]*agenix.Inventory, error) {
	files, err := sharedAgeFiles(opts.RepoRoot, srcs)
	if err != nil {
		return nil, err
	}
	invs := make([]*agenix.Inventory, 0, len(srcs))
	for _, src := range srcs {
		ai, err := agenix.Audit(ctx, agenix.AuditOptions{RepoRoot: opts.RepoRoot, RulesFile: src.file,
			Rules: src.rules, Jobs: opts.Jobs, UseNix: opts.UseNix, AgeFiles: files})
		if err != nil {
			return nil, err
		}
		invs = append(invs, ai)
	}
	return invs, checkRulesFiles(invs)
}

// newAgePlans plans every rules file of a rekey; paths (when given) are
// each taken by the rules file declaring them.
func newAgePlans(ctx context.Context, srcs []rulesSource, base agenix.PlanOptions) ([]*agenix.Plan, error) {
	files, err := sharedAgeFiles(base.RepoRoot, srcs)
	if err != nil {
		return nil, err
	}
	base.AgeFiles = files
	var plans []*agenix.Plan
	for _, src := range srcs {
		o := base
		o.RulesFile, o.Rules = src.file, src.rules
		o.OthersMayDeclare = len(srcs) > 1
		pl, err := agenix.NewPlan(ctx, o)
		if err != nil {
			return nil, err
		}
		plans = append(plans, pl)
	}
	invs := inventories(plans)
	claimed := map[string]bool{}
	for _, pl := range plans {
		for _, p := range pl.Claimed {
			claimed[p] = true
		}
	}
	if err := checkRulesFiles(invs); err != nil {
		return nil, err
	}
	if len(srcs) > 1 {
		for _, p := range base.Paths {
			if !claimed[p] {
				return nil, inputErr(fmt.Errorf("%s is not a secret declared in %s", p, orList(rulesNames(invs))))
			}
		}
	}
	return plans, nil
}

// checkRulesFiles refuses rules files that cannot be used together: two
// in one directory (they would share its .nfrekey.lock) or two declaring
// the same file.
func checkRulesFiles(invs []*agenix.Inventory) error {
	dirs := map[string]*agenix.Inventory{}
	declared := map[string]*agenix.Inventory{}
	var errs []error
	for _, ai := range invs {
		if prev := dirs[ai.RulesDir]; prev != nil {
			return inputErr(fmt.Errorf("%s and %s are in the same directory and would share its %s: give nfrekey one of them at a time (--rules)",
				rulesName(prev), rulesName(ai), LockFileName))
		}
		dirs[ai.RulesDir] = ai
		for _, s := range ai.Secrets {
			if !s.Declared {
				continue
			}
			// By the file itself: a name through a symlinked directory
			// is the same secret as the plain one.
			if prev := declared[s.File]; prev != nil {
				errs = append(errs, &secretsnix.Error{File: ai.RulesFile, Line: s.Line, Col: s.Col,
					Msg: fmt.Sprintf("%s is also declared in %s: a secret belongs to one rules file", s.Path, rulesName(prev))})
				continue
			}
			declared[s.File] = ai
		}
	}
	if len(errs) > 0 {
		return inputErr(errors.Join(errs...))
	}
	return nil
}

// declaredPaths are the secrets some rules file of invs declares, as
// the walk of the repo finds their files: relative to the repo root with
// symlinks resolved (a rule may name one through a symlinked directory).
func declaredPaths(invs []*agenix.Inventory) map[string]bool {
	out := map[string]bool{}
	for _, ai := range invs {
		for _, s := range ai.Secrets {
			if s.Declared {
				out[relTo(ai.RepoRoot, s.File)] = true
			}
		}
	}
	return out
}

// rulesName is a rules file relative to the repo root, as messages and
// annotations name it.
func rulesName(ai *agenix.Inventory) string {
	return relTo(ai.RepoRoot, filepath.Join(ai.RulesDir, filepath.Base(ai.RulesFile)))
}

func rulesNames(invs []*agenix.Inventory) []string {
	out := make([]string, len(invs))
	for i, ai := range invs {
		out[i] = rulesName(ai)
	}
	return out
}

// orList is "a", "a or b", "a, b or c".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return "(none)"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// undeclaredOf keeps, once each, the paths of undeclared that no rules
// file of invs declares.
func undeclaredOf(undeclared []string, invs []*agenix.Inventory) []string {
	if len(invs) < 2 {
		return undeclared
	}
	declared := declaredPaths(invs)
	var out []string
	for _, p := range undeclared {
		if !declared[p] {
			declared[p] = true
			out = append(out, p)
		}
	}
	return out
}

func inventories(plans []*agenix.Plan) []*agenix.Inventory {
	out := make([]*agenix.Inventory, len(plans))
	for i, pl := range plans {
		out[i] = pl.Inventory
	}
	return out
}

// sharedAgeFiles lists the repo's .age files once for a run over several
// rules files (each inventory would walk the whole repo for its undeclared
// files); nil for one, which lists them itself.
func sharedAgeFiles(repoRoot string, srcs []rulesSource) ([]string, error) {
	if len(srcs) < 2 {
		return nil, nil
	}
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		return nil, err
	}
	if root, err = filepath.EvalSymlinks(root); err != nil {
		return nil, inputErr(fmt.Errorf("repo root: %w", err))
	}
	files, err := agenix.ListAgeFiles(root)
	if files == nil && err == nil {
		files = []string{} // none, and known: the inventories need not look
	}
	return files, err
}
