package sopsyaml

import (
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("ZZ"))
	c, err := Parse(".sops.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(c.GroupNames(), c.HasGroup("all"), c.anchoredList("all") != nil)
	for _, l := range c.lists {
		t.Logf("list %q %q", l.node.Anchor, l.name)
	}
}
