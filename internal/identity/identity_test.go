package identity

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"filippo.io/age"
)

func TestJoinSummaryAndAge(t *testing.T) {
	a, _ := age.GenerateX25519Identity()
	b, _ := age.GenerateX25519Identity()
	s := Join(New(a), nil, New(b))
	if s.Len() != 2 || len(s.Age()) != 2 || s.Age()[0] != age.Identity(a) || s.Age()[1] != age.Identity(b) {
		t.Fatalf("Join = %v", s.Describe())
	}
	if got := (*Set)(nil).Summary(); !strings.Contains(got, "-i") {
		t.Errorf("empty Summary = %q, want advice to give -i", got)
	}
	if got := s.Summary(); strings.Count(got, ", ") != 1 {
		t.Errorf("Summary = %q", got)
	}
}

func TestLoadAgeIdentityFile(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	p := filepath.Join(t.TempDir(), "keys.txt")
	os.WriteFile(p, []byte("# comment\n"+id.String()+"\n"), 0o600)
	s, err := Load(Options{Files: []string{p}})
	if err != nil || s.Len() != 1 {
		t.Fatalf("Load = %v, %v", s.Describe(), err)
	}
	if _, err := Load(Options{Files: []string{p + ".missing"}}); err == nil {
		t.Error("a missing -i file loaded")
	}
}

// TestHostileIdentityFiles: -i naming a device, a FIFO or a huge file is
// one line of error at once (no hang, no out-of-memory); as a default
// location it is skipped with a note.
func TestHostileIdentityFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge")
	f, _ := os.Create(huge)
	f.Truncate(MaxFileSize + 1)
	f.Close()
	for _, p := range []string{"/dev/zero", fifo, huge, dir} {
		_, err := Load(Options{Files: []string{p}})
		if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), p) {
			t.Errorf("-i %s: %v", p, err)
		}
	}
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".ssh"), 0o700)
	syscall.Mkfifo(filepath.Join(home, ".ssh", "id_ed25519"), 0o600)
	var notes []string
	// /etc/ssh/ssh_host_ed25519_key may exist here: only the FIFO matters.
	_, err := Load(Options{Defaults: true, Home: home, Env: func(string) string { return "" }, Note: func(n string) { notes = append(notes, n) }})
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	found := false
	for _, n := range notes {
		found = found || strings.Contains(n, "id_ed25519") && strings.Contains(n, "FIFO")
	}
	if !found {
		t.Errorf("no note about the FIFO default: %v", notes)
	}
}
