package reencrypt

import (
	"io/fs"
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
	err = gitignore.Walk(root, func(p string, d fs.DirEntry) error {
		if d.Name() != "secrets.nix" || !d.Type().IsRegular() {
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
