package main

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/nfrekey/nfrekey/reencrypt/hostcheck"
)

// TestFixOptionsSecretGlobs: the --secret globs --fix passes add-host
// select exactly the host's secrets, as add-host matches them against
// the rules files of the run: names relative to the one rules file's
// directory, else paths relative to the repo root.
func TestFixOptionsSecretGlobs(t *testing.T) {
	repo := t.TempDir()
	a, b := filepath.Join(repo, "a", "secrets.nix"), filepath.Join(repo, "b", "secrets.nix")
	for _, tc := range []struct {
		name    string
		rules   []string
		secrets []string
		want    []string
	}{
		{"one rules file in secrets/", []string{filepath.Join(repo, "secrets", "secrets.nix")}, []string{"secrets/x.age"}, []string{"x.age"}},
		{"one rules file at the root", []string{filepath.Join(repo, "secrets.nix")}, []string{"x*.age"}, []string{`x\*.age`}},
		// Relative to a/, b/y.age would be ../b/y.age (no match), and
		// a/x.age would be x.age, matching b's own x.age too.
		{"several rules files", []string{a, b}, []string{"a/x.age", "b/y.age"}, []string{"a/x.age", "b/y.age"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := hostcheck.Result{Target: hostcheck.Target{Host: hostcheck.Host{Name: "web1",
				Declared: []hostcheck.Declaration{{Backend: hostcheck.BackendAge, Secrets: tc.secrets}}}}}
			got := fixOptions(&globalOptions{}, repo, tc.rules, r, nil).Secrets
			if !slices.Equal(got, tc.want) {
				t.Errorf("--secret globs %q, want %q", got, tc.want)
			}
		})
	}
}
