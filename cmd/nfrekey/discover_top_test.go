package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOuterTop: the repo top the "outside the root" hint names is the
// nearest .git or flake.nix above a host directory, and none when the
// root found is itself the top of a repo (a dotfiles .git further up is
// not this repo's).
func TestOuterTop(t *testing.T) {
	home := t.TempDir()
	fleet := filepath.Join(home, "fleet")
	web := filepath.Join(fleet, "hosts", "web")
	own := filepath.Join(home, "own")
	for _, d := range []string{filepath.Join(home, ".git"), filepath.Join(fleet, ".git"), web, filepath.Join(own, ".git")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for dir, want := range map[string]string{web: fleet, fleet: "", own: ""} {
		if got := outerTop(dir); got != want {
			t.Errorf("outerTop(%s) = %q, want %q", dir, got, want)
		}
	}
}
