package txn

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

func hexSum(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// replaceFile writes path anew (another inode, a new mtime), as git
// checkout or an editor's save-by-rename does.
func replaceFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	write(t, path, data, 0o644)
}

func journalKept(t *testing.T, root string, want bool) {
	t.Helper()
	if got := JournalPresent(root); got != want {
		t.Errorf("journal present = %v, want %v", got, want)
	}
}

// TestRecoverRefusesTamperedJournal: a journal nfrekey did not write as
// it is (hand-made, edited, committed from elsewhere) never makes the run
// put bytes anywhere: one error, the journal and every file left alone.
func TestRecoverRefusesTamperedJournal(t *testing.T) {
	const evil = "evil bytes\n"
	tmp := ".nfrekey-tmp-a.nix-0123456789ab"
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root, outside string) string // returns the journal
	}{
		{"no old hash", func(t *testing.T, root, _ string) string {
			write(t, filepath.Join(root, tmp), evil, 0o644)
			return `{"version":1,"files":[{"path":"a.nix","temp":"` + tmp + `","new":"` + hexSum(evil) + `"},` +
				`{"path":"b.nix","temp":".nfrekey-tmp-b.nix-0123456789ab","new":"` + hexSum(evil) + `"}]}`
		}},
		{"old hash of known bytes, no identity", func(t *testing.T, root, _ string) string {
			write(t, filepath.Join(root, tmp), evil, 0o644)
			return `{"version":1,"files":[{"path":"a.nix","temp":"` + tmp + `","old":"` + hexSum("old a\n") + `","new":"` + hexSum(evil) + `"}]}`
		}},
		{"into .git", func(t *testing.T, root, _ string) string {
			os.MkdirAll(filepath.Join(root, ".git"), 0o755)
			write(t, filepath.Join(root, ".git/config"), "old a\n", 0o644)
			write(t, filepath.Join(root, ".git/.nfrekey-tmp-config-0123456789ab"), evil, 0o644)
			return `{"version":1,"files":[{"path":".git/config","temp":".nfrekey-tmp-config-0123456789ab","old":"` + hexSum("old a\n") + `","new":"` + hexSum(evil) + `"}]}`
		}},
		{"outside the repo", func(t *testing.T, root, outside string) string {
			return `{"version":1,"files":[{"path":"../` + filepath.Base(outside) + `/a.nix","temp":"` + tmp + `","old":"` + hexSum("old a\n") + `","new":"` + hexSum(evil) + `"}]}`
		}},
		{"temp in another directory", func(t *testing.T, root, _ string) string {
			os.Mkdir(filepath.Join(root, "sub"), 0o755)
			write(t, filepath.Join(root, "sub", tmp), evil, 0o644)
			return `{"version":1,"files":[{"path":"a.nix","temp":"sub/` + tmp + `","old":"` + hexSum("old a\n") + `","new":"` + hexSum(evil) + `"}]}`
		}},
		{"symlinked journal", func(t *testing.T, root, outside string) string {
			write(t, filepath.Join(outside, "j"), `{"version":1,"files":[]}`, 0o644)
			if err := os.Symlink(filepath.Join(outside, "j"), filepath.Join(root, JournalName)); err != nil {
				t.Fatal(err)
			}
			return ""
		}},
		{"fifo", func(t *testing.T, root, _ string) string {
			if err := unix.Mkfifo(filepath.Join(root, JournalName), 0o644); err != nil {
				t.Fatal(err)
			}
			return ""
		}},
		{"directory", func(t *testing.T, root, _ string) string {
			os.Mkdir(filepath.Join(root, JournalName), 0o755)
			return ""
		}},
		{"huge", func(t *testing.T, root, _ string) string {
			return `{"version":1,"files":[` + strings.Repeat(" ", maxJournal) + `]}`
		}},
		{"not json", func(t *testing.T, root, _ string) string { return "{not json" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			root := filepath.Join(parent, "repo")
			outside := filepath.Join(parent, "outside")
			os.Mkdir(root, 0o755)
			os.Mkdir(outside, 0o755)
			write(t, filepath.Join(root, "a.nix"), "old a\n", 0o644)
			write(t, filepath.Join(root, "b.nix"), "old b\n", 0o644)
			write(t, filepath.Join(outside, "a.nix"), "old a\n", 0o644)
			if doc := tc.setup(t, root, outside); doc != "" {
				write(t, filepath.Join(root, JournalName), doc, 0o600)
			}
			before := treeOf(t, parent)
			tx := begin(t, root, Exchange)
			rec, err := tx.Recover()
			if err == nil {
				t.Fatalf("Recover used it: %+v", rec)
			}
			if !strings.Contains(err.Error(), JournalName) {
				t.Errorf("the error does not name the journal: %v", err)
			}
			if _, _, perr := PendingJournal(root); perr == nil {
				t.Errorf("PendingJournal finds no problem with it (audit would say the next run finishes it)")
			}
			if after := treeOf(t, parent); after != before {
				t.Errorf("files changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// treeOf is every file under dir with its bytes (or link target).
func treeOf(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		b.WriteString(p + " " + info.Mode().String())
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			b.WriteString(" -> " + l)
		case info.Mode().IsRegular():
			data, _ := os.ReadFile(p)
			b.WriteString(" " + hexSum(string(data))[:12])
		}
		b.WriteString("; ")
		return nil
	})
	return b.String()
}

// TestRecoverKeepsWhatTheOperatorDid: after a kill mid-phase, whatever the
// operator did before the next run is kept; the run finishes the edit
// only from the exact state the kill left, and never goes on from half an
// edit.
func TestRecoverKeepsWhatTheOperatorDid(t *testing.T) {
	three := map[string]string{"a.nix": "new a\n", "b.nix": "new b\n", "c.nix": "new c\n"}
	for _, tc := range []struct {
		name string
		// after the crash (a.nix renamed, b.nix and c.nix not)
		meanwhile func(t *testing.T, root string)
		want      map[string]string // files after Recover
		blocked   bool              // Recover refuses: half an edit it cannot finish
	}{
		{"nothing", func(*testing.T, string) {},
			map[string]string{"a.nix": "new a\n", "b.nix": "new b\n", "c.nix": "new c\n"}, false},
		// git checkout rewrites only the file that differs from the
		// index: a.nix, back to its old bytes. The edit is undone: it
		// must not be half redone (b.nix and c.nix still hold their old
		// bytes, and their temps are there).
		{"git checkout of the renamed file", func(t *testing.T, root string) {
			replaceFile(t, filepath.Join(root, "a.nix"), "old a\n")
		}, map[string]string{"a.nix": "old a\n", "b.nix": "old b\n", "c.nix": "old c\n"}, false},
		{"git checkout of every file", func(t *testing.T, root string) {
			for _, n := range []string{"a.nix", "b.nix", "c.nix"} {
				replaceFile(t, filepath.Join(root, n), "old "+n[:1]+"\n")
			}
		}, map[string]string{"a.nix": "old a\n", "b.nix": "old b\n", "c.nix": "old c\n"}, false},
		// An editor's save of the same bytes is another file too.
		{"save of an unrenamed file by hand", func(t *testing.T, root string) {
			replaceFile(t, filepath.Join(root, "c.nix"), "their c\n")
		}, map[string]string{"a.nix": "new a\n", "b.nix": "old b\n", "c.nix": "their c\n"}, true},
		{"edit in place of an unrenamed file", func(t *testing.T, root string) {
			f, err := os.OpenFile(filepath.Join(root, "b.nix"), os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("# theirs\n")
			f.Close()
		}, map[string]string{"a.nix": "new a\n", "b.nix": "old b\n# theirs\n", "c.nix": "old c\n"}, true},
		// git clean / rm of the killed run's temps.
		{"temps deleted", func(t *testing.T, root string) {
			found, _ := FindStale(root)
			for _, p := range found {
				os.Remove(p)
			}
		}, map[string]string{"a.nix": "new a\n", "b.nix": "old b\n", "c.nix": "old c\n"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for _, n := range []string{"a.nix", "b.nix", "c.nix"} {
				write(t, filepath.Join(root, n), "old "+n[:1]+"\n", 0o644)
			}
			crashMidRules(t, root, three)
			tc.meanwhile(t, root)
			tx := begin(t, root, Exchange)
			_, perr := func() ([]string, error) { f, _, err := PendingJournal(root); return f, err }()
			rec, err := tx.Recover()
			if tc.blocked != (err != nil) {
				t.Fatalf("Recover = %+v, %v; want blocked %v", rec, err, tc.blocked)
			}
			if tc.blocked != (perr != nil) {
				t.Errorf("PendingJournal's problem = %v; want one: %v", perr, tc.blocked)
			}
			for n, want := range tc.want {
				if got := read(t, filepath.Join(root, n)); got != want {
					t.Errorf("%s = %q, want %q", n, got, want)
				}
			}
			journalKept(t, root, tc.blocked)
			if err != nil {
				for _, n := range []string{"a.nix", "b.nix"} {
					if !strings.Contains(err.Error(), n) {
						t.Errorf("the refusal does not say where %s stands: %v", n, err)
					}
				}
			}
		})
	}
}

// TestRecoverAfterCompleteRenames: killed after the last rename, before
// the journal's removal: the edit is whole, and a file the operator edited
// since is theirs (the journal is dropped, nothing renamed).
func TestRecoverAfterCompleteRenames(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a.nix"), "old a\n", 0o644)
	write(t, filepath.Join(root, "b.nix"), "old b\n", 0o644)
	tx := begin(t, root, Exchange)
	tx.afterJournal = nil
	for _, n := range []string{"a.nix", "b.nix"} {
		p := filepath.Join(root, n)
		if _, err := tx.Stage(Write{Path: p, Phase: PhaseRules, Data: []byte("new " + n[:1] + "\n"), Expect: source(t, p)}); err != nil {
			t.Fatal(err)
		}
	}
	// Keep a copy of the journal as the kill would have left it.
	var saved []byte
	tx.afterJournal = func() { saved, _ = os.ReadFile(filepath.Join(root, JournalName)) }
	if err := tx.Commit().Err(); err != nil {
		t.Fatal(err)
	}
	tx.Close()
	write(t, filepath.Join(root, JournalName), string(saved), 0o600)
	replaceFile(t, filepath.Join(root, "a.nix"), "their a\n")

	tx = begin(t, root, Exchange)
	rec, err := tx.Recover()
	if err != nil || len(rec.Finished) != 0 {
		t.Fatalf("Recover = %+v, %v", rec, err)
	}
	if got := read(t, filepath.Join(root, "a.nix")); got != "their a\n" {
		t.Errorf("a.nix = %q", got)
	}
	journalKept(t, root, false)
}

// TestRecoverIsIdempotent: a run killed while recovering (after one of
// its renames, or inside one, between the exchange and the removal of
// the displaced original) leaves a journal the next run finishes.
func TestRecoverIsIdempotent(t *testing.T) {
	for _, killAt := range []string{"after a rename", "inside a rename"} {
		t.Run(killAt, func(t *testing.T) {
			root := t.TempDir()
			for _, n := range []string{"a.nix", "b.nix", "c.nix"} {
				write(t, filepath.Join(root, n), "old "+n[:1]+"\n", 0o644)
			}
			crashMidRules(t, root, map[string]string{"a.nix": "new a\n", "b.nix": "new b\n", "c.nix": "new c\n"})
			// The recovering run renames b.nix, then dies.
			var temp string
			found, _ := FindStale(root)
			for _, p := range found {
				if strings.HasPrefix(filepath.Base(p), TempPrefix+"b.nix-") {
					temp = p
				}
			}
			if temp == "" {
				t.Fatalf("no temp of b.nix in %v", found)
			}
			if err := unix.Renameat2(unix.AT_FDCWD, temp, unix.AT_FDCWD, filepath.Join(root, "b.nix"), unix.RENAME_EXCHANGE); err != nil {
				t.Fatal(err)
			}
			if killAt == "after a rename" {
				os.Remove(temp)
			}
			tx := begin(t, root, Exchange)
			rec, err := tx.Recover()
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Finished) != 1 || rec.Finished[0] != "c.nix" {
				t.Errorf("Finished = %v, want [c.nix]", rec.Finished)
			}
			for _, n := range []string{"a.nix", "b.nix", "c.nix"} {
				if got := read(t, filepath.Join(root, n)); got != "new "+n[:1]+"\n" {
					t.Errorf("%s = %q", n, got)
				}
			}
			journalKept(t, root, false)
			if _, err := tx.RemoveStale(); err != nil {
				t.Fatal(err)
			}
			noTemps(t, root)
		})
	}
}

// TestJournalRecordsTheFileRead: each entry names the replaced file's
// identity, so a file put back with the same bytes is not taken for it.
func TestJournalRecordsTheFileRead(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a.nix"), "old a\n", 0o644)
	write(t, filepath.Join(root, "b.nix"), "old b\n", 0o644)
	crashMidRules(t, root, map[string]string{"a.nix": "new a\n", "b.nix": "new b\n"})
	f, err := os.Open(filepath.Join(root, JournalName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	j, err := readJournal(f)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(filepath.Join(root, "b.nix"))
	e := j.Files[1]
	if e.Ino != st.Sys().(*syscall.Stat_t).Ino || e.Size != st.Size() || e.MtimeNs != st.ModTime().UnixNano() {
		t.Errorf("entry %+v does not identify b.nix (%v)", e, st)
	}
}
