package hostcheck

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSopsHosts(t *testing.T) {
	_, web1 := newEd25519(t)
	_, web2 := newEd25519(t)
	_, loose := newEd25519(t)
	web1Age, err := web1.ToAgeX25519()
	if err != nil {
		t.Fatal(err)
	}
	looseAge, _ := loose.ToAgeX25519()
	dir := writeRules(t, map[string]string{
		".sops.yaml": `keys:
  - &web1 ` + web1Age.String() + `
  - &web2 ` + web2.String() + `
  - &rsa1 ` + rsaKey(t) + `
creation_rules:
  - path_regex: ^secrets/web1\.yaml$
    key_groups:
      - age: [*web1]
  - path_regex: ^secrets/
    key_groups:
      - age:
          - *web1
          - *web2
          - ` + looseAge.String() + ` # old
`,
	})
	secrets := []SopsSecret{
		{Path: "secrets/web1.yaml", Config: ".sops.yaml", Keys: []string{web1Age.String()}},
		{Path: "secrets/all.yaml", Config: ".sops.yaml", Keys: []string{web1Age.String(), web2.String(), looseAge.String()}},
		// Governed by another config: not web1's even though the key matches.
		{Path: "other/x.yaml", Config: "other/.sops.yaml", Keys: []string{web1Age.String()}},
	}
	hosts, notes, err := SopsHosts(SopsOptions{RepoRoot: dir, Configs: []string{".sops.yaml"}, Secrets: secrets})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Name, Binding, Key, DeclaredIn, Secrets, Backend string }
	var got []row
	for _, h := range hosts {
		got = append(got, row{h.Name, h.Binding, h.Key.String(), h.DeclaredIn, strings.Join(h.Secrets, ","), h.Declared[0].Backend})
	}
	want := []row{
		{"web1", "web1", web1Age.String(), ".sops.yaml:2", "secrets/all.yaml,secrets/web1.yaml", BackendSops},
		{"web2", "web2", web2.String(), ".sops.yaml:3", "secrets/all.yaml", BackendSops},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hosts:\n got %+v\nwant %+v", got, want)
	}
	joined := ""
	for _, n := range notes {
		joined += string(n) + "\n"
	}
	for _, w := range []string{"&rsa1: a ssh-rsa key", ".sops.yaml:14: a key no anchor under keys: names (labelled old)"} {
		if !strings.Contains(joined, w) {
			t.Errorf("notes %q lack %q", joined, w)
		}
	}
}

// A host in secrets.nix (ssh-ed25519) and in .sops.yaml (its age form) is
// one host: the ssh key kept, the secrets and declarations of both.
func TestMergeAgeForm(t *testing.T) {
	_, k := newEd25519(t)
	_, other := newEd25519(t)
	x, _ := k.ToAgeX25519()
	xo, _ := other.ToAgeX25519()
	sops := []Host{{Name: "web1", Key: x, DeclaredIn: ".sops.yaml:2", Secrets: []string{"s.yaml"},
		Declared: []Declaration{{In: ".sops.yaml:2", Key: x, Backend: BackendSops}}}}
	age := []Host{{Name: "web1", Key: k, DeclaredIn: "secrets.nix:3", Secrets: []string{"a.age"},
		Declared: []Declaration{{In: "secrets.nix:3", Key: k, Backend: BackendAge}}}}
	for _, order := range [][][]Host{{age, sops}, {sops, age}} {
		got, notes := Merge(order...)
		if len(got) != 1 || len(notes) != 0 || !got[0].Key.Equal(k) || strings.Join(got[0].Secrets, ",") != "a.age,s.yaml" || len(got[0].Declared) != 2 {
			t.Errorf("merged %+v notes %q", got, notes)
		}
	}
	conflict := []Host{{Name: "web1", Key: xo, DeclaredIn: ".sops.yaml:2"}}
	if got, notes := Merge(age, conflict); len(got) != 1 || len(notes) != 0 || len(got[0].Warnings) != 1 || !got[0].Key.Equal(k) {
		t.Errorf("conflict merged %+v notes %q", got, notes)
	}
}

func TestSameHostKey(t *testing.T) {
	_, k := newEd25519(t)
	_, other := newEd25519(t)
	x, _ := k.ToAgeX25519()
	xo, _ := other.ToAgeX25519()
	cases := []struct {
		name string
		ok   bool
		got  bool
	}{
		{"equal", true, SameHostKey(k, k)},
		{"ssh and its age form", true, SameHostKey(k, x)},
		{"age form and ssh", true, SameHostKey(x, k)},
		{"another key's age form", false, SameHostKey(k, xo)},
		{"two age keys", false, SameHostKey(x, xo)},
		{"two ssh keys", false, SameHostKey(k, other)},
	}
	for _, c := range cases {
		if c.got != c.ok {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.ok)
		}
	}
}

// A host declared by its age form is ok when it presents the ssh key the
// form came from, changed when it presents another.
func TestCheckAgeDeclared(t *testing.T) {
	priv, key := newEd25519(t)
	newPriv, newKey := newEd25519(t)
	x, _ := key.ToAgeX25519()
	targets := []Target{
		{Host: Host{Name: "same", Key: x}, Address: sshServer(t, priv)},
		{Host: Host{Name: "reinstalled", Key: x}, Address: sshServer(t, newPriv)},
	}
	res := Check(context.Background(), targets, Options{Timeout: 2 * time.Second})
	if res[0].Status != StatusOK || !res[0].Found.Equal(key) {
		t.Errorf("same: %s %v (%v)", res[0].Status, res[0].Found, res[0].Err)
	}
	if res[1].Status != StatusChanged || !res[1].Found.Equal(newKey) {
		t.Errorf("reinstalled: %s %v (%v)", res[1].Status, res[1].Found, res[1].Err)
	}
}
