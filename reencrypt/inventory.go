package reencrypt

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/reencrypt/agenix"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// The backends a secret can belong to, as ls --json names them.
const (
	BackendAge  = "age"
	BackendSops = "sops"
)

// AuditOptions say what to audit. A repo may have agenix rules, sops
// configs, or both: with no rules file the age backend is skipped, and
// sops files are always looked for.
type AuditOptions struct {
	RepoRoot  string
	RulesFile string            // an agenix rules file; "" with Rules nil: none
	Rules     *secretsnix.Rules // evaluated rules; nil: evaluate RulesFile
	// RulesFiles are further rules files (the CLI's discovery may find
	// several): each governs the .age paths it names.
	RulesFiles []string
	Jobs       int  // files read in parallel (0: NumCPU)
	UseNix     bool // evaluate RulesFile with nix-instantiate
	// SopsConfig, when set, governs every sops file (--sops-config);
	// else each file's nearest .sops.yaml up to the repo root does.
	SopsConfig string
}

// Inventory is every secret of a repo, of both backends, with its status.
type Inventory struct {
	RepoRoot string // absolute, symlinks resolved
	// RulesFiles are the agenix rules files, relative to the repo root
	// (none when the repo has none).
	RulesFiles []string
	// SopsConfigs are the .sops.yaml files that govern at least one file
	// or were named by --sops-config, relative to the repo root.
	SopsConfigs []string
	Secrets     []*Secret // sorted by Path
	Findings    []Finding // about the rules and configs, warnings only

	sops *sopsInventory
}

// Secret is one secret of either backend. For age files the embedded
// agenix.Secret is the backend's own row; for sops files its common
// fields (Path, File, Exists, Status, Add, Remove, Err, Line) are filled
// and Recipients is empty: Keys holds the declared recipients of both.
type Secret struct {
	agenix.Secret
	Backend string // BackendAge or BackendSops
	// Rules is the file whose rule governs the secret (secrets.nix or
	// .sops.yaml), relative to the repo root; "" when none does. Line,
	// when set, is the rule's line in it.
	Rules string
	Keys  []DeclaredKey

	// Threshold, for a sops file of several key groups, is set when its
	// shamir_threshold is not the one its creation rule asks for (the
	// file is then stale even with the right recipients).
	Threshold *ThresholdChange

	sops *sopsSecret
}

// ThresholdChange is a sops file's shamir_threshold against its rule's,
// both as sops applies them (absent: all groups).
type ThresholdChange struct {
	File, Rule int
}

// DeclaredKey is one declared recipient, as ls shows it.
type DeclaredKey struct {
	Name      string // the binding or anchor it came from, "" if none
	Recipient string // the key text (sops: "type:value" for non-age keys)
	Group     int    // sops key group, from 0; always 0 for age
}

// InSync reports whether every secret is ok (and, when strict, none is
// unverified).
func (inv *Inventory) InSync(strict bool) bool {
	for _, s := range inv.Secrets {
		if !s.Status.InSync(strict) {
			return false
		}
	}
	return true
}

// Audit builds the inventory of the repo's secrets, age and sops. It
// needs no private key and writes nothing. Temp files a killed run left
// are findings ("stale-temp"): they hold ciphertext for an old recipient
// set and must not be committed to git; the next mutating run removes
// them.
func Audit(ctx context.Context, opts AuditOptions) (*Inventory, error) {
	inv := &Inventory{RepoRoot: opts.RepoRoot}
	if srcs := rulesSources(opts.RulesFile, opts.Rules, opts.RulesFiles); len(srcs) > 0 {
		invs, err := auditAge(ctx, srcs, opts)
		if err != nil {
			return nil, err
		}
		inv.RepoRoot = invs[0].RepoRoot
		inv.RulesFiles = rulesNames(invs)
		inv.addAge(invs)
	} else if real, err := filepath.EvalSymlinks(opts.RepoRoot); err == nil {
		inv.RepoRoot = real
	}
	si, err := auditSops(ctx, inv.RepoRoot, opts.SopsConfig)
	if err != nil {
		return nil, err
	}
	inv.sops = si
	inv.SopsConfigs = si.configPaths()
	inv.Secrets = append(inv.Secrets, si.secrets...)
	inv.Findings = append(inv.Findings, si.findings...)
	sort.SliceStable(inv.Secrets, func(i, j int) bool { return inv.Secrets[i].Path < inv.Secrets[j].Path })

	temps, err := txn.FindStale(inv.RepoRoot)
	if err != nil {
		return nil, err
	}
	for _, p := range temps {
		rel, err := filepath.Rel(inv.RepoRoot, p)
		if err != nil {
			continue
		}
		inv.Findings = append(inv.Findings, Finding{Kind: "stale-temp", File: filepath.ToSlash(rel),
			Message: staleTempMessage(filepath.Base(p))})
	}
	if files, pending, err := txn.PendingJournal(inv.RepoRoot); pending {
		msg := "a killed nfrekey run left its rules edit half written (" + strings.Join(files, ", ") +
			"): the next mutating run (nfrekey rekey) finishes it before anything else"
		if err != nil {
			// The next run will refuse: say why, and what to do (the
			// error ends with it), not that it will finish it.
			msg = "the next mutating run will refuse to start: " + err.Error()
		}
		inv.Findings = append(inv.Findings, Finding{Kind: "interrupted-commit", File: txn.JournalName, Message: msg})
	}
	return inv, nil
}

// addAge adds the rows and findings of every rules file's inventory: a
// file is undeclared only when no rules file declares it.
func (inv *Inventory) addAge(invs []*agenix.Inventory) {
	declared := declaredPaths(invs)
	undeclared := map[string]bool{}
	seen := map[agenix.Finding]bool{}
	for _, ai := range invs {
		rules := rulesName(ai)
		for _, s := range ai.Secrets {
			if !s.Declared && (declared[s.Path] || undeclared[s.Path]) {
				continue
			}
			row := &Secret{Secret: *s, Backend: BackendAge}
			if s.Declared {
				row.Rules = rules
			} else {
				undeclared[s.Path] = true
			}
			for _, d := range s.Recipients {
				row.Keys = append(row.Keys, DeclaredKey{Name: d.Name, Recipient: d.Recipient.String()})
			}
			inv.Secrets = append(inv.Secrets, row)
		}
		for _, f := range ai.Findings {
			if f.File == "" {
				f.File = rules
			}
			if f.Kind == "unused-key" && !unusedByAll(invs, f) {
				continue
			}
			// Rules files importing one keys file find its problems once each.
			if !seen[f] {
				seen[f] = true
				inv.Findings = append(inv.Findings, f)
			}
		}
	}
}

// unusedByAll reports whether every rules file binding the key of an
// unused-key finding leaves it unused: a keys file two rules files import
// binds hosts of both, each used by one only.
func unusedByAll(invs []*agenix.Inventory, f agenix.Finding) bool {
	for _, ai := range invs {
		if ai.BindsKeyAt(f.File, f.Line) && !slices.Contains(ai.Findings, f) {
			return false
		}
	}
	return true
}
