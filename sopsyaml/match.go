package sopsyaml

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Match returns the creation rule sops would use for a file at
// relToConfigDir (slash-separated, relative to the config's directory):
// the first rule without path_regex or whose path_regex matches anywhere
// in the path (an unanchored regexp search, as sops does). sops matches
// the absolute path of a file outside the config's directory; callers
// pass that path then.
func (c *Config) Match(relToConfigDir string) (*Rule, bool) {
	for i := range c.Rules {
		if c.rx[i] == nil || c.rx[i].MatchString(relToConfigDir) {
			return &c.Rules[i], true
		}
	}
	return nil, false
}

// Find returns the nearest .sops.yaml in file's directory or above it, up
// to and including repoRoot, or "" when there is none. This is the
// contract's rule; the sops binary itself starts from its working
// directory, which is the same when it is run beside the file or from the
// config's directory, as sops-nix repos do. Like sops, only that exact name
// counts (sops warns about and ignores .sops.yml).
func Find(repoRoot, file string) (string, error) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		return "", err
	}
	dir, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(root, dir); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", errors.New(file + ": outside the repo root " + repoRoot)
	}
	for {
		p := filepath.Join(dir, ".sops.yaml")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if dir == root {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}
