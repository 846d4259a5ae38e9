package reencrypt

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"

	"github.com/nfrekey/nfrekey/internal/gitignore"
	"github.com/nfrekey/nfrekey/internal/readlimit"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// SkippedRules is a file named secrets.nix that is not an agenix rules
// file (a NixOS module is a function, say), and why.
type SkippedRules struct {
	Path   string
	Reason string
	// Broken: the file does not parse or does not evaluate (it is not a
	// function, whose body nfrekey does not look into): more likely a
	// rules file with a mistake than something else named secrets.nix,
	// and its secrets would go unseen. The CLI warns of it.
	Broken bool
	// Symlink: not followed (nor evaluated).
	Symlink bool
	// Err is the evaluation's error (positioned), when Broken.
	Err error
}

// FindRulesFiles looks, when the default places hold none, for agenix rules
// files anywhere under the repo (agenix/secrets.nix, nix/secrets.nix,
// hosts/secrets.nix ...): every file named secrets.nix, not in .git nor
// ignored by git, whose value is an attribute set of { publicKeys = [...]; }
// entries. Sorted; the others are returned as skipped, with the reason.
// With useNix, a candidate using what the native evaluator refuses is
// evaluated by nix-instantiate (--eval=nix), as a named rules file would be.
func FindRulesFiles(repoRoot string, useNix bool) (found []string, skipped []SkippedRules, err error) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		return nil, nil, err
	}
	err = gitignore.Walk(root, func(p string, d fs.DirEntry) error {
		if d.Name() != "secrets.nix" {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Not followed, as a result link is not; said under -v, for
			// a rules file shared that way is easily missed.
			skipped = append(skipped, SkippedRules{Path: p, Reason: "a symlink, not followed (name it with --rules)", Symlink: true})
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rules, lerr := secretsnix.LoadRules(p, secretsnix.Options{Root: root})
		var se *secretsnix.Error
		if useNix && errors.As(lerr, &se) && se.Unsupported {
			rules, lerr = secretsnix.LoadRules(p, secretsnix.Options{Root: root, UseNix: true})
		}
		switch {
		case lerr != nil:
			skipped = append(skipped, SkippedRules{Path: p, Reason: lerr.Error(), Broken: broken(p, root), Err: lerr})
		case len(rules.Secrets) == 0:
			skipped = append(skipped, SkippedRules{Path: p, Reason: "declares no secret"})
		default:
			found = append(found, p)
		}
		return nil
	})
	sort.Strings(found)
	return found, skipped, err
}

// broken reports whether the secrets.nix at p, which is not a rules
// file, fails to parse or to evaluate; a function (a NixOS module) or a
// value of another shape is merely something else.
func broken(p, root string) bool {
	module, err := isModule(p)
	if err != nil {
		return true
	}
	if module {
		return false
	}
	_, err = secretsnix.EvalFile(p, secretsnix.Options{Root: root})
	return err != nil
}

// IsModule reports whether the Nix file at p is a function (a NixOS
// module, say) rather than an agenix rules file: some fleets keep their
// sops-nix or agenix NixOS configuration in a secrets.nix at the root,
// where the contract looks for the rules first. A file that cannot be read
// or parsed is not a module: it is a rules file with a mistake.
func IsModule(p string) bool {
	module, err := isModule(p)
	return err == nil && module
}

func isModule(p string) (bool, error) {
	src, err := readlimit.ReadFile(p, secretsnix.MaxInputFile)
	if err != nil {
		return false, err
	}
	f, err := secretsnix.Parse(p, string(src))
	if err != nil {
		return false, err
	}
	_, ok := f.Root.(*secretsnix.Lambda)
	return ok, nil
}

// UnreadRules is a rules file the run did not read (the defaults won over
// it) that declares some of the secrets the run found undeclared.
type UnreadRules struct {
	Path    string   // relative to the repo root
	Secrets []string // the undeclared secrets it declares, repo-relative
}

// UnreadRulesFor looks, for an audit that found undeclared .age files
// while reading only the default rules file, for the other secrets.nix
// files under the repo that declare them: a repo with a secrets.nix at the
// root and one per host keeps the others unread (the contract's order),
// and the operator should hear which --rules would cover the files.
func UnreadRulesFor(repoRoot string, read []string, undeclared []string) ([]UnreadRules, error) {
	if len(undeclared) == 0 {
		return nil, nil
	}
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		return nil, err
	}
	found, _, err := FindRulesFiles(root, false)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, p := range undeclared {
		want[p] = true
	}
	isRead := map[string]bool{}
	for _, r := range read {
		if abs, err := filepath.Abs(r); err == nil {
			isRead[abs] = true
		}
	}
	var out []UnreadRules
	for _, rf := range found {
		if isRead[rf] {
			continue
		}
		rules, err := secretsnix.LoadRules(rf, secretsnix.Options{Root: root})
		if err != nil {
			continue
		}
		u := UnreadRules{Path: relTo(root, rf)}
		for _, s := range rules.Secrets {
			if p := relTo(root, filepath.Join(filepath.Dir(rf), s.Name)); want[p] {
				u.Secrets = append(u.Secrets, p)
			}
		}
		if len(u.Secrets) > 0 {
			sort.Strings(u.Secrets)
			out = append(out, u)
		}
	}
	return out, nil
}
