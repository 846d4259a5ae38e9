package txn

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// ErrOtherJournal is the error of a run on one repo root that meets the
// journal a killed run on another root of the same work tree left (the
// top, and secrets/ holding secrets.nix, are both roots; they share the
// lock): its staged copies may lie under this root, where the sweep would
// delete them, and its rules edit is half written. Only a run on that
// root can finish it.
var ErrOtherJournal = errors.New("a killed nfrekey run on another repo root of this work tree left its rules edit half written")

// FindStale lists the temp files under root (never under .git) that a
// killed run left behind. They hold ciphertext for an old recipient set,
// so they must not be committed to git, and are never secrets of their own.
func FindStale(root string) ([]string, error) {
	temps, _, err := findStale(root)
	return temps, err
}

// findStale is FindStale, and the journals found beneath root (not its
// own, at the root itself): those of runs on nested roots.
func findStale(root string) (temps, journals []string, err error) {
	own := filepath.Join(root, JournalName)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
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
			temps = append(temps, p)
		}
		if d.Name() == JournalName && p != own {
			journals = append(journals, p)
		}
		return nil
	})
	return temps, journals, err
}

// RemoveStale removes the temp files earlier runs left under the root,
// through the root (a symlink cannot point it elsewhere), and returns
// their paths. Only a run holding the lock may: a live run's temps are
// its own. A journal of a run on a nested root (ErrOtherJournal) names
// temps that must stay: then nothing is removed.
func (tx *Tx) RemoveStale() ([]string, error) {
	found, journals, err := findStale(tx.rootDir)
	if err != nil {
		return nil, err
	}
	if len(journals) > 0 {
		return nil, otherJournalError(journals[0], tx.rootDir)
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

// otherJournalError says which root's run must go first.
func otherJournalError(journal, root string) error {
	dir := filepath.Dir(journal)
	return fmt.Errorf("%s: %w (%s); this run on %s would touch its staged copies or work from half of it: run nfrekey in %s first (it finishes the edit); nothing was done",
		journal, ErrOtherJournal, dir, root, dir)
}

// ancestorJournal is the journal of a run on a root above tx's, up to
// the lock's directory (the work tree's top), "" when there is none.
func (tx *Tx) ancestorJournal() string {
	rel, err := filepath.Rel(tx.lockDir, tx.rootDir)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	for d := filepath.Dir(tx.rootDir); ; d = filepath.Dir(d) {
		if p := filepath.Join(d, JournalName); JournalPresent(d) {
			return p
		}
		if d == tx.lockDir || filepath.Dir(d) == d {
			return ""
		}
	}
}
