package txn

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// FindStale lists the temp files under root (never under .git) that a
// killed run left behind. They hold ciphertext for an old recipient set,
// so they must not be committed to git, and are never secrets of their own.
func FindStale(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // an unreadable subtree holds nothing we could remove
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasPrefix(d.Name(), TempPrefix) {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// RemoveStale removes the temp files earlier runs left under the root,
// through the root (a symlink cannot point it elsewhere), and returns
// their paths. Only a run holding the lock may: a live run's temps are
// its own.
func (tx *Tx) RemoveStale() ([]string, error) {
	found, err := FindStale(tx.rootDir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, p := range found {
		rel, err := filepath.Rel(tx.rootDir, p)
		if err != nil {
			continue
		}
		if err := tx.root.Remove(rel); err == nil {
			removed = append(removed, p)
		}
	}
	return removed, nil
}
