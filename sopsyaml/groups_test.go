package sopsyaml

import (
	"strings"
	"testing"
)

func TestGroupsAndHosts(t *testing.T) {
	src := `keys:
  - &admin age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
  - &servers
    - &web1 age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj
creation_rules:
  - path_regex: ^hosts/
    key_groups:
      - age: *servers
  - path_regex: ^admin/
    key_groups:
      - age:
          - *admin
          - age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef # db1
`
	c, err := Parse(".sops.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		group string
		want  bool
	}{{"^hosts/", true}, {"^admin/", true}, {"servers", true}, {"web1", false}, {"hosts", false}, {"", false}} {
		if got := c.HasGroup(tc.group); got != tc.want {
			t.Errorf("HasGroup(%q) = %v", tc.group, got)
		}
	}
	if got := c.GroupNames(); strings.Join(got, " ") != "^admin/ ^hosts/ servers" {
		t.Errorf("GroupNames = %v", got)
	}
	for name, want := range map[string]bool{"web1": true, "admin": true, "db1": true, "web2": false, "servers": false} {
		if c.HasHost(name) != want {
			t.Errorf("HasHost(%s) != %v", name, want)
		}
	}
	if got := c.HostKeys("db1"); len(got) != 1 || !strings.HasPrefix(got[0], "age1xmww") {
		t.Errorf("HostKeys(db1) = %v", got)
	}
}
