package identity

import (
	"os"
	"path/filepath"
	"strings"
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
