package txn

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// crashMidRules stages a rules phase of the files given (name -> new
// content), journals it and renames only the first, then "dies": the lock
// is released with the temps and the journal left on disk, as a SIGKILL
// between two renames leaves them.
func crashMidRules(t *testing.T, root string, files map[string]string) {
	t.Helper()
	tx := begin(t, root, Exchange)
	var batch []*Staged
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		p := filepath.Join(root, name)
		s, err := tx.Stage(Write{Path: p, Phase: PhaseRules, Data: []byte(files[name]), Expect: source(t, p)})
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, s)
	}
	ok, err := tx.writeJournal(batch)
	if err != nil || !ok {
		t.Fatalf("writeJournal: %v, %v", ok, err)
	}
	if err := tx.commitOne(batch[0]); err != nil {
		t.Fatal(err)
	}
	tx.mu.Lock()
	tx.temps = map[*Staged]bool{} // the killed run removes nothing
	tx.mu.Unlock()
	tx.Close()
}

func TestRecoverFinishesHalfCommittedRules(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, "nix"), 0o755)
	write(t, filepath.Join(root, ".sops.yaml"), "old sops\n", 0o644)
	write(t, filepath.Join(root, "nix/secrets.nix"), "old nix\n", 0o644)
	crashMidRules(t, root, map[string]string{".sops.yaml": "new sops\n", "nix/secrets.nix": "new nix\n"})

	if got := read(t, filepath.Join(root, "nix/secrets.nix")); got != "old nix\n" {
		t.Fatalf("the crash image is not half written: %q", got)
	}
	files, pending, err := PendingJournal(root)
	if !pending || err != nil || !slices.Equal(files, []string{".sops.yaml", "nix/secrets.nix"}) {
		t.Fatalf("PendingJournal = %v, %v, %v", files, pending, err)
	}

	tx := begin(t, root, Exchange)
	rec, err := tx.Recover()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rec.Finished, []string{"nix/secrets.nix"}) || len(rec.Abandoned) != 0 {
		t.Fatalf("Recover = %+v", rec)
	}
	for name, want := range map[string]string{".sops.yaml": "new sops\n", "nix/secrets.nix": "new nix\n"} {
		if got := read(t, filepath.Join(root, name)); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if _, pending, _ := PendingJournal(root); pending {
		t.Error("the journal is still there")
	}
	if _, err := tx.RemoveStale(); err != nil {
		t.Fatal(err)
	}
	noTemps(t, root)
	// A second recovery has nothing to do.
	if rec, err := tx.Recover(); err != nil || len(rec.Finished)+len(rec.Abandoned) != 0 {
		t.Fatalf("second Recover = %+v, %v", rec, err)
	}
}

// TestRecoverKeepsAnotherProgramsSave: a save of the file not yet renamed
// is kept, and the run refuses to go on from half the edit.
func TestRecoverKeepsAnotherProgramsSave(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a.nix"), "old a\n", 0o644)
	write(t, filepath.Join(root, "b.nix"), "old b\n", 0o644)
	crashMidRules(t, root, map[string]string{"a.nix": "new a\n", "b.nix": "new b\n"})
	// An editor saves b.nix after the crash, before the next run.
	write(t, filepath.Join(root, "b.nix"), "their b\n", 0o644)

	tx := begin(t, root, Exchange)
	rec, err := tx.Recover()
	if err == nil || !strings.Contains(err.Error(), "b.nix does not: "+errChangedSince.Error()) {
		t.Fatalf("Recover = %+v, %v: want a refusal naming b.nix", rec, err)
	}
	if got := read(t, filepath.Join(root, "b.nix")); got != "their b\n" {
		t.Errorf("b.nix = %q: their save was overwritten", got)
	}
	if _, pending, _ := PendingJournal(root); !pending {
		t.Error("the journal is gone: the next run would go on from half the edit")
	}
}

func TestCommitJournalsOnlyMultiFileRulesPhases(t *testing.T) {
	root := t.TempDir()
	for _, n := range []string{"a.nix", "b.nix", "c.age"} {
		write(t, filepath.Join(root, n), "old\n", 0o644)
	}
	tx := begin(t, root, Exchange)
	var seen []bool
	tx.afterJournal = func() { seen = append(seen, JournalPresent(root)) }
	for _, w := range []Write{
		{Path: filepath.Join(root, "a.nix"), Phase: PhaseRules, Data: []byte("new a\n")},
		{Path: filepath.Join(root, "b.nix"), Phase: PhaseRules, Data: []byte("new b\n")},
		{Path: filepath.Join(root, "c.age"), Phase: PhaseSecrets, Data: []byte("new c\n")},
	} {
		w.Expect = source(t, w.Path)
		if _, err := tx.Stage(w); err != nil {
			t.Fatal(err)
		}
	}
	res := tx.Commit()
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, []bool{true}) {
		t.Errorf("journal present after being written, per journaled phase: %v, want [true]", seen)
	}
	if JournalPresent(root) {
		t.Error("the journal outlived the commit")
	}
	noTemps(t, root)
}

func TestRecoverRefusesForeignJournal(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a.nix"), "old\n", 0o644)
	for name, doc := range map[string]string{
		"garbage": "{not json",
		"escape":  `{"version":1,"files":[{"path":"../x","temp":".nfrekey-tmp-x","new":"00"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			write(t, filepath.Join(root, JournalName), doc, 0o600)
			tx := begin(t, root, Exchange)
			rec, err := tx.Recover()
			switch name {
			case "garbage":
				if err == nil {
					t.Fatalf("Recover accepted garbage: %+v", rec)
				}
			case "escape":
				if err == nil {
					t.Fatalf("Recover = %+v: want the journal refused", rec)
				}
			}
			tx.Close()
			os.Remove(filepath.Join(root, JournalName))
		})
	}
}
