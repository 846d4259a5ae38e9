package sopsyaml

import (
	"fmt"
	"strings"
	"testing"
)

// bigConfig is a fleet of hosts hosts with one rule per host (the host and
// two admins) and a shared rule for all: the shape of a large sops-nix repo.
func bigConfig(hosts int) string {
	keys := []string{kA, kB, kC, kNew}
	var b strings.Builder
	b.WriteString("keys:\n  - &admin_a " + kA + "\n  - &admin_b " + kB + "\n")
	for i := 0; i < hosts; i++ {
		// Repeating keys under distinct anchors would be refused by AddHost
		// only for the added key; Parse accepts them.
		fmt.Fprintf(&b, "  - &host%d %s\n", i, keys[i%3])
	}
	b.WriteString("creation_rules:\n")
	for i := 0; i < hosts; i++ {
		fmt.Fprintf(&b, "  - path_regex: ^hosts/host%d/[^/]+\\.yaml$\n    key_groups:\n      - age:\n          - *admin_a\n          - *admin_b\n          - *host%d\n", i, i)
	}
	b.WriteString("  - path_regex: ^shared/\n    key_groups:\n      - age:\n          - *admin_a\n")
	for i := 0; i < hosts; i++ {
		fmt.Fprintf(&b, "          - *host%d\n", i)
	}
	return b.String()
}

func BenchmarkParse(b *testing.B) {
	src := []byte(bigConfig(500))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("f", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddRemoveHost(b *testing.B) {
	src := []byte(bigConfig(500))
	c, err := Parse("f", src)
	if err != nil {
		b.Fatal(err)
	}
	req := AddRequest{Name: "newhost", Recipient: "age1mfcf2xryz7ewq6u3grjn26h8rmw0lv5dspkzahrt6eut2g4lfqxsd0gds0", Groups: []string{"^shared/"}, Secrets: []string{"hosts/host7/x.yaml"}}
	for b.Loop() {
		res, err := c.AddHost(req)
		if err != nil {
			b.Fatal(err)
		}
		c2, err := Parse("f", res.New)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c2.RemoveHost("newhost"); err != nil {
			b.Fatal(err)
		}
	}
}
