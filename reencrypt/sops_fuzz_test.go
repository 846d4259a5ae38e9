package reencrypt

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzSopsCandidate feeds any bytes, under each format's name, to the
// classification of the walk: a file is skipped, a sops file, or an
// invalid one with a reason, and never a panic or a hang.
func FuzzSopsCandidate(f *testing.F) {
	for _, n := range sopsFixtures {
		if data, err := os.ReadFile(filepath.Join("sopsfile/testdata", n)); err == nil {
			f.Add(data, uint8(0))
		}
	}
	f.Add([]byte("sops:\n  mac: x\n"), uint8(0))
	f.Add([]byte(`{"sops": {"mac": 1}}`), uint8(1))
	f.Add([]byte("sops_mac=x\n"), uint8(2))
	f.Add([]byte("[sops]\nmac = x\n"), uint8(3))
	names := []string{"s.yaml", "s.json", "s.env", "s.ini", "s.bin"}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		p := filepath.Join(dir, names[int(kind)%len(names)])
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c := loadCandidate(p)
		switch {
		case c.skip:
		case c.err == nil && c.f == nil:
			t.Fatal("a sops file without its parse")
		case c.err == nil && len(c.f.Groups) == 0:
			t.Fatal("a sops file with no key groups loaded")
		}
	})
}
