package reencrypt

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/nfrekey/nfrekey/internal/gitignore"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// SkippedRules is a file named secrets.nix that is not an agenix rules
// file (a NixOS module is a function, say), and why.
type SkippedRules struct {
	Path   string
	Reason string
}

// FindRulesFiles looks, when the default places hold none, for agenix rules
// files anywhere under the repo (agenix/secrets.nix, nix/secrets.nix,
// hosts/secrets.nix ...): every file named secrets.nix, not in .git nor
// ignored by git, whose value is an attribute set of { publicKeys = [...]; }
// entries. Sorted; the others are returned as skipped, with the reason.
func FindRulesFiles(repoRoot string) (found []string, skipped []SkippedRules, err error) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		return nil, nil, err
	}
	_, statErr := os.Lstat(filepath.Join(root, ".git"))
	var ign *gitignore.Matcher
	if statErr == nil {
		ign = gitignore.New(root)
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable directory holds nothing we can use
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == "result" {
				return filepath.SkipDir
			}
			if ign != nil {
				if p != root && ign.Ignored(p, true) {
					return filepath.SkipDir
				}
				ign.Enter(p)
			}
			return nil
		}
		if d.Name() != "secrets.nix" || !d.Type().IsRegular() || (ign != nil && ign.Ignored(p, false)) {
			return nil
		}
		rules, lerr := secretsnix.LoadRules(p, secretsnix.Options{Root: root})
		switch {
		case lerr != nil:
			skipped = append(skipped, SkippedRules{Path: p, Reason: lerr.Error()})
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
