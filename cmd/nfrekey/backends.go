package main

import (
	"errors"
	"io/fs"
	"path/filepath"
)

// repoAndBackends finds the repo root and its agenix rules file, which
// may be absent ("") when the repo has sops configs instead: ls, audit,
// rekey, add-host and remove-host work on either backend or both.
func repoAndBackends(g *globalOptions) (string, string, error) {
	repo, err := findRepo(g)
	if err != nil {
		return "", "", inputError(err)
	}
	rules, err := findRules(g, repo)
	if err == nil {
		return repo, rules, nil
	}
	if g.Rules == "" && g.SopsConfig != "" || g.Rules == "" && hasSopsConfig(repo) {
		return repo, "", nil
	}
	return "", "", inputError(err)
}

var errFound = errors.New("found")

// hasSopsConfig reports whether any .sops.yaml lies under root (not in
// .git): then a missing secrets.nix means a sops-only repo, not a mistake.
func hasSopsConfig(root string) bool {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == ".sops.yaml" {
			return errFound
		}
		return nil
	})
	return errors.Is(err, errFound)
}
