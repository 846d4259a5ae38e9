package txn

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzJournal feeds .nfrekey-journal any bytes: reading it never panics,
// and a journal it accepts names only files nfrekey may finish — clean
// paths beneath the root, outside .git, each with a temp of its own form
// beside it — in strict path order.
func FuzzJournal(f *testing.F) {
	f.Add([]byte(`{"version":1,"files":[{"path":"a.nix","temp":".nfrekey-tmp-a.nix-0123456789ab","old":"` + strings.Repeat("0", 64) + `","new":"` + strings.Repeat("1", 64) + `","ino":5,"size":3,"mtime_ns":7}]}`))
	f.Add([]byte(`{"version":1,"files":[{"path":"../x","temp":".nfrekey-tmp-x-0123456789ab","new":"00"}]}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte("\x00\xff{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		if err := os.WriteFile(filepath.Join(root, JournalName), data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := os.OpenRoot(root)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		j, err := loadJournal(r)
		if err != nil || j == nil {
			return
		}
		for i, e := range j.Files {
			if err := validEntry(e); err != nil {
				t.Fatalf("accepted an entry it refuses: %+v: %v", e, err)
			}
			if !filepath.IsLocal(filepath.FromSlash(e.Path)) {
				t.Fatalf("accepted a path outside the root: %q", e.Path)
			}
			for _, part := range strings.Split(e.Path, "/") {
				if strings.EqualFold(part, ".git") {
					t.Fatalf("accepted a path in .git: %q", e.Path)
				}
			}
			if !strings.HasPrefix(e.Temp, TempPrefix) || strings.ContainsRune(e.Temp, '/') {
				t.Fatalf("accepted a temp elsewhere: %q", e.Temp)
			}
			if i > 0 && e.Path <= j.Files[i-1].Path {
				t.Fatalf("accepted entries out of order: %q after %q", e.Path, j.Files[i-1].Path)
			}
		}
	})
}
