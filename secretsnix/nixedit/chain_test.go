package nixedit

import (
	"os"
	"path/filepath"
	"testing"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// TestChainedOverlay: a second Add over the first one's edits (the
// request carrying them as its overlay) edits the edited text, and its
// After holds both hosts; nothing is written.
func TestChainedOverlay(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "secrets.nix")
	orig := "let\n  web1 = \"ssh-ed25519 AAAAweb1\";\n  servers = [ web1 ];\nin\n{ \"a.age\".publicKeys = servers; }\n"
	must(t, os.WriteFile(rules, []byte(orig), 0o644))
	first, err := Add(AddRequest{RulesFile: rules, Name: "web2", Key: "ssh-ed25519 AAAAweb2", Groups: []string{"servers"}})
	must(t, err)
	opts := sn.Options{Overlay: Overlay(sn.Options{}, first.Edits)}
	second, err := Add(AddRequest{RulesFile: rules, Options: opts, Name: "web3", Key: "ssh-ed25519 AAAAweb3", Groups: []string{"servers"}})
	must(t, err)
	if len(second.Edits) != 1 || string(second.Edits[0].Old) != string(first.Edits[0].New) {
		t.Fatalf("second edit is not over the first: %+v", second.Edits)
	}
	var got []string
	for _, k := range second.After.Secrets[0].PublicKeys {
		got = append(got, k.Name)
	}
	if len(got) != 3 || got[0] != "web1" || got[1] != "web2" || got[2] != "web3" {
		t.Fatalf("After keys %v", got)
	}
	if data, _ := os.ReadFile(rules); string(data) != orig {
		t.Fatal("the disk changed")
	}
}
