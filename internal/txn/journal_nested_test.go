package txn

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNestedRootKeepsAnotherRootsJournal: one git work tree, two repo
// roots (the top, holding .sops.yaml, and secrets/, holding secrets.nix:
// run from there, it is the nearest root). A run on the top killed between
// its renames leaves its journal at the top and a staged copy in secrets/;
// a run on secrets/ (same lock) must neither delete that copy nor go on
// over half the edit, and the same the other way round.
func TestNestedRootKeepsAnotherRootsJournal(t *testing.T) {
	for _, tc := range []struct {
		name         string
		crashOn, run string // relative to the top
		files        map[string]string
	}{
		{"journal above", ".", "secrets", map[string]string{".sops.yaml": "new sops\n", "secrets/secrets.nix": "new nix\n"}},
		{"journal below", "secrets", ".", map[string]string{"a.nix": "new a\n", "secrets.nix": "new nix\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			top := t.TempDir()
			os.Mkdir(filepath.Join(top, ".git"), 0o755)
			os.Mkdir(filepath.Join(top, "secrets"), 0o755)
			crashRoot := filepath.Join(top, tc.crashOn)
			for name := range tc.files {
				write(t, filepath.Join(crashRoot, name), "old\n", 0o644)
			}
			crashMidRules(t, crashRoot, tc.files)
			staged, _ := FindStale(top)
			if len(staged) != 1 {
				t.Fatalf("staged copies after the crash: %v", staged)
			}

			tx := begin(t, filepath.Join(top, tc.run), Exchange)
			rec, rerr := tx.Recover()
			var serr error
			if rerr == nil {
				_, serr = tx.RemoveStale()
			}
			tx.Close()
			err := rerr
			if err == nil {
				err = serr
			}
			if err == nil || !strings.Contains(err.Error(), JournalName) {
				t.Errorf("the run on %s went on past another root's journal: %+v, %v", tc.run, rec, err)
			}
			if _, err := os.Stat(staged[0]); err != nil {
				t.Fatalf("the journaled staged copy is gone: %v", err)
			}
			// The run on the journal's own root still finishes the edit.
			tx = begin(t, crashRoot, Exchange)
			if _, err := tx.Recover(); err != nil {
				t.Fatal(err)
			}
			for name, want := range tc.files {
				if got := read(t, filepath.Join(crashRoot, name)); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}
