package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// repoAndBackends finds the repo root and its agenix rules files, which
// may be none when the repo has sops configs instead: every command but
// rules works on either backend or both.
func repoAndBackends(g *globalOptions) (string, []string, error) {
	repo, rules, err := repoAndRules(g)
	if err == nil {
		return repo, rules, nil
	}
	repo, rerr := findRepo(g)
	if rerr != nil {
		return "", nil, err
	}
	if len(g.Rules) == 0 && os.Getenv("RULES") == "" && (g.SopsConfig != "" || hasSopsConfig(repo)) {
		g.note("repo root %s", repo)
		g.note("no agenix rules file: sops files only")
		return repo, nil, nil
	}
	return "", nil, err
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
