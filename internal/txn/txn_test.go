package txn

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func begin(t *testing.T, root string, mode ExchangeMode) *Tx {
	t.Helper()
	tx, err := Begin(context.Background(), Options{Root: root, Exchange: mode})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Close() })
	return tx
}

func write(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// source is what a run records of a file it read.
func source(t *testing.T, path string) *Source {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(read(t, path)))
	return &Source{Info: st, SHA256: sum[:]}
}

func noTemps(t *testing.T, root string) {
	t.Helper()
	found, err := FindStale(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) > 0 {
		t.Errorf("temps left: %v", found)
	}
}

func TestCommitReplacesKeepingModeAndOrdersPhases(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, "s"), 0o755)
	write(t, filepath.Join(root, "s", "a.age"), "old", 0o640)
	tx := begin(t, root, Exchange)
	ws := []Write{
		{Path: filepath.Join(root, ".nfrekey.lock"), Phase: PhaseLock, Data: []byte("lock"), Mode: 0o644},
		{Path: filepath.Join(root, "s", "a.age"), Phase: PhaseSecrets, Data: []byte("new"), Expect: source(t, filepath.Join(root, "s", "a.age"))},
		{Path: filepath.Join(root, "secrets.nix"), Phase: PhaseRules, Write: func(f *os.File) error { _, err := f.WriteString("rules"); return err }, Create: true, Mode: 0o644},
	}
	for _, w := range ws {
		if _, err := tx.Stage(w); err != nil {
			t.Fatal(err)
		}
	}
	res := tx.Commit()
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{ws[2].Path, ws[1].Path, ws[0].Path}
	if strings.Join(res.Committed, ",") != strings.Join(want, ",") {
		t.Errorf("commit order %v, want %v", res.Committed, want)
	}
	for path, c := range map[string]struct {
		data string
		mode os.FileMode
	}{ws[0].Path: {"lock", 0o644}, ws[1].Path: {"new", 0o640}, ws[2].Path: {"rules", 0o644}} {
		if got := read(t, path); got != c.data {
			t.Errorf("%s = %q, want %q", path, got, c.data)
		}
		st, _ := os.Stat(path)
		if st.Mode().Perm() != c.mode {
			t.Errorf("%s mode %v, want %v", path, st.Mode().Perm(), c.mode)
		}
	}
	noTemps(t, root)
}

// A file saved by someone else after the run read it is never renamed
// over, by either guard; the others commit.
func TestCommitRefusesConcurrentEdit(t *testing.T) {
	for _, mode := range []ExchangeMode{Exchange, Fallback} {
		for name, edit := range map[string]func(path string){
			"rewritten": func(p string) { write(t, p, "theirs, longer", 0o600) },
			// Same size and mtime, other bytes: only the hash tells.
			"same-size-and-mtime": func(p string) {
				st, _ := os.Stat(p)
				write(t, p, "OLD", 0o600)
				os.Chtimes(p, st.ModTime(), st.ModTime())
			},
			"replaced-by-rename": func(p string) {
				write(t, p+".x", "theirs", 0o600)
				os.Rename(p+".x", p)
			},
			"removed": func(p string) { os.Remove(p) },
		} {
			t.Run(name, func(t *testing.T) {
				root := t.TempDir()
				a, b := filepath.Join(root, "a.age"), filepath.Join(root, "b.age")
				write(t, a, "old", 0o600)
				write(t, b, "old", 0o600)
				tx := begin(t, root, mode)
				for _, p := range []string{a, b} {
					if _, err := tx.Stage(Write{Path: p, Phase: PhaseSecrets, Data: []byte("new"), Expect: source(t, p)}); err != nil {
						t.Fatal(err)
					}
				}
				edit(a)
				after, _ := os.ReadFile(a)
				res := tx.Commit()
				if len(res.Failed) != 1 || res.Failed[0].Path != a || !errors.Is(res.Failed[0].Err, ErrChanged) {
					t.Fatalf("failed = %v, want only %s changed", res.Failed, a)
				}
				if got, _ := os.ReadFile(a); string(got) != string(after) {
					t.Errorf("their save lost: %q, want %q", got, after)
				}
				if read(t, b) != "new" {
					t.Errorf("the other file was not committed")
				}
				noTemps(t, root)
			})
		}
	}
}

func TestCreateNeverClobbers(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "host.pub")
	tx := begin(t, root, Exchange)
	if _, err := tx.Stage(Write{Path: p, Phase: PhaseRules, Data: []byte("ours"), Create: true}); err != nil {
		t.Fatal(err)
	}
	write(t, p, "theirs", 0o600)
	res := tx.Commit()
	if len(res.Failed) != 1 || !errors.Is(res.Failed[0].Err, ErrChanged) {
		t.Fatalf("failed = %v", res.Failed)
	}
	if read(t, p) != "theirs" {
		t.Error("clobbered")
	}
	noTemps(t, root)
}

func TestStageFailureAndCloseLeaveNoTemp(t *testing.T) {
	root := t.TempDir()
	tx, err := Begin(context.Background(), Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	bad := errors.New("corrupt payload")
	if _, err := tx.Stage(Write{Path: filepath.Join(root, "x"), Phase: PhaseSecrets, Write: func(*os.File) error { return bad }}); !errors.Is(err, bad) {
		t.Fatalf("Stage error %v, want the Write error unchanged", err)
	}
	if _, err := tx.Stage(Write{Path: filepath.Join(root, "y"), Phase: PhaseSecrets, Data: []byte("y")}); err != nil {
		t.Fatal(err)
	}
	if found, _ := FindStale(root); len(found) != 1 {
		t.Fatalf("staged temps %v, want 1", found)
	}
	if err := tx.Close(); err != nil {
		t.Fatal(err)
	}
	noTemps(t, root)
	if _, err := os.Stat(filepath.Join(root, "y")); !errors.Is(err, os.ErrNotExist) {
		t.Error("an aborted write reached its target")
	}
}

func TestStageConfinedToRoot(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	os.Mkdir(filepath.Join(root, "d"), 0o755)
	tx := begin(t, root, Exchange)
	// The directory is swapped for a symlink out of the repo after the
	// run started: the write must not follow it.
	os.Remove(filepath.Join(root, "d"))
	os.Symlink(outside, filepath.Join(root, "d"))
	for _, p := range []string{filepath.Join(root, "d", "x.age"), filepath.Join(outside, "x.age"), "rel.age", filepath.Join(root, "..", "x")} {
		if _, err := tx.Stage(Write{Path: p, Phase: PhaseSecrets, Data: []byte("x")}); err == nil {
			t.Errorf("Stage(%s) succeeded", p)
		}
	}
	if ents, _ := os.ReadDir(outside); len(ents) > 0 {
		t.Errorf("written outside the root: %v", ents)
	}
}

// A directory opened before the swap keeps writes in the directory the
// run planned, not where the symlink points.
func TestDirectorySwappedAfterStaging(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	d := filepath.Join(root, "d")
	os.Mkdir(d, 0o755)
	write(t, filepath.Join(d, "x.age"), "old", 0o600)
	tx := begin(t, root, Exchange)
	if _, err := tx.Stage(Write{Path: filepath.Join(d, "x.age"), Phase: PhaseSecrets, Data: []byte("new")}); err != nil {
		t.Fatal(err)
	}
	os.Rename(d, filepath.Join(root, "moved"))
	os.Symlink(outside, d)
	tx.Commit()
	if ents, _ := os.ReadDir(outside); len(ents) > 0 {
		t.Errorf("written outside the root: %v", ents)
	}
}

// A directory moved out of the repo after staging (a symlink to it left
// in its place) takes no rename along: its files fail as changed, and
// nothing there changes. It used to be committed there, outside the repo.
func TestDirectoryMovedOutAfterStaging(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	d := filepath.Join(root, "d")
	os.Mkdir(d, 0o755)
	write(t, filepath.Join(d, "x.age"), "old", 0o600)
	write(t, filepath.Join(root, "y.age"), "old", 0o600)
	tx := begin(t, root, Exchange)
	for _, p := range []string{filepath.Join(d, "x.age"), filepath.Join(root, "y.age")} {
		if _, err := tx.Stage(Write{Path: p, Phase: PhaseSecrets, Data: []byte("new"), Expect: source(t, p)}); err != nil {
			t.Fatal(err)
		}
	}
	moved := filepath.Join(outside, "d")
	os.Rename(d, moved)
	os.Symlink(moved, d)
	res := tx.Commit()
	if len(res.Failed) != 1 || res.Failed[0].Path != filepath.Join(d, "x.age") || !errors.Is(res.Failed[0].Err, ErrChanged) {
		t.Fatalf("failed = %v, want d/x.age as changed", res.Failed)
	}
	if got := read(t, filepath.Join(moved, "x.age")); got != "old" {
		t.Errorf("the file moved outside the repo was replaced: %q", got)
	}
	if got := read(t, filepath.Join(root, "y.age")); got != "new" {
		t.Errorf("y.age = %q, want it committed", got)
	}
	tx.Close()
	if ents, _ := os.ReadDir(moved); len(ents) != 1 {
		t.Errorf("left outside the repo: %v", ents)
	}
}

func TestLockHeldAndNestedRepos(t *testing.T) {
	top := t.TempDir()
	os.Mkdir(filepath.Join(top, ".git"), 0o755)
	inner := filepath.Join(top, "sub", "fleet")
	os.MkdirAll(inner, 0o755)
	tx := begin(t, top, Exchange)
	_, err := Begin(context.Background(), Options{Root: inner})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second run on a nested repo: %v, want ErrLocked", err)
	}
	tx.Close()
	tx2, err := Begin(context.Background(), Options{Root: inner})
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	tx2.Close()
	outside := t.TempDir()
	if got := LockDirFor(outside); got != outside {
		t.Errorf("LockDirFor outside git = %s", got)
	}
}

func TestSyncDirTolerance(t *testing.T) {
	d, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, c := range []struct {
		err  error
		fail bool
	}{
		{nil, false},
		{&os.PathError{Op: "sync", Err: unix.EINVAL}, false},
		{&os.PathError{Op: "sync", Err: unix.ENOTSUP}, false},
		{&os.PathError{Op: "sync", Err: unix.EIO}, true},
		{&os.PathError{Op: "sync", Err: unix.ENOSPC}, true},
	} {
		err := syncDir(d, func(*os.File) error { return c.err })
		if (err != nil) != c.fail {
			t.Errorf("fsync error %v: syncDir = %v", c.err, err)
		}
	}
	if err := syncDir(d, (*os.File).Sync); err != nil {
		t.Errorf("real fsync: %v", err)
	}
}

func TestRemoveStaleSkipsGit(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, ".git", "objects"), 0o755)
	os.MkdirAll(filepath.Join(root, "s"), 0o755)
	stale := filepath.Join(root, "s", TempPrefix+"a.age-123")
	inGit := filepath.Join(root, ".git", "objects", TempPrefix+"x")
	write(t, stale, "old ciphertext", 0o600)
	write(t, inGit, "git's", 0o600)
	tx := begin(t, root, Exchange)
	removed, err := tx.RemoveStale()
	if err != nil || len(removed) != 1 || removed[0] != stale {
		t.Fatalf("RemoveStale = %v, %v", removed, err)
	}
	if _, err := os.Stat(inGit); err != nil {
		t.Error("removed a file under .git")
	}
}
