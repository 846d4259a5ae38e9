package reencrypt

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSopsCandidateMentions: files that only mention sops are skipped by
// the walk, not reported as broken sops files (which made ls and audit
// exit 2 on any repo with a sops-nix module, e.g. tchfoo/raspi-dotfiles'
// modules/sops.nix); sops files, and broken ones, are still seen.
func TestSopsCandidateMentions(t *testing.T) {
	bin, err := os.ReadFile("sopsfile/testdata/secret.bin")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, data string
		want       string // skip, ok or broken
	}{
		{"sops.nix", "{ lib, ... }:\nlet\n  secrets = lib.filterAttrs (name: value: name != \"sops\") yaml;\nin { }\n", "skip"},
		{"README.md", "Run `nix run .#sops` and keep \"sops\" metadata.\n", "skip"},
		{"notes.txt", "{\"sops\": unquoted}\n", "skip"},
		{"secret.bin", string(bin), "ok"},
		{"broken.bin", `{"data": "x", "sops": {"mac": 1}}`, "broken"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			if err := os.WriteFile(p, []byte(c.data), 0o600); err != nil {
				t.Fatal(err)
			}
			got := "ok"
			cand := loadCandidate(p)
			switch {
			case cand.skip:
				got = "skip"
			case cand.err != nil:
				got = "broken"
			}
			if got != c.want {
				t.Errorf("%s: %s (err %v), want %s", c.name, got, cand.err, c.want)
			}
		})
	}
}
