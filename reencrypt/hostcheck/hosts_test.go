package hostcheck

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Real keys: the parser refuses points off the curve.
const (
	keyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
)

func writeRules(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestAgenixHosts(t *testing.T) {
	_, kb := newEd25519(t)
	_, kc := newEd25519(t)
	_, kd := newEd25519(t)
	_, ke := newEd25519(t)
	dir := writeRules(t, map[string]string{
		"secrets.nix": `let
  alice = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
  hosts = import ./hosts.nix;
  db1 = "` + kb.String() + `";
  rsa1 = "` + rsaKey(t) + `";
in {
  "a.age".publicKeys = [ alice hosts.web1.pubkey db1 ];
  "sub/b.age".publicKeys = [ db1 hosts.web2.publicKey (hosts.web3.key) hosts.dc.web4.hostKey ];
}
`,
		"hosts.nix": `{
  web1 = { pubkey = "` + keyA + `"; address = "10.0.0.5:2222"; };
  web2 = { publicKey = "` + kc.String() + `"; hostname = "web2.example.org"; };
  web3 = { key = "` + kd.String() + `"; address = "${"x"}"; };
  dc.web4.hostKey = "` + ke.String() + `";
  dc.web4.ip = "192.0.2.4";
}
`,
	})
	hosts, notes, err := AgenixHosts(AgenixOptions{RepoRoot: dir, RulesFiles: []string{filepath.Join(dir, "secrets.nix")}})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Name, Binding, Key, DeclaredIn, Address, Secrets string }
	var got []row
	for _, h := range hosts {
		got = append(got, row{h.Name, h.Binding, h.Key.String(), h.DeclaredIn, h.Address, strings.Join(h.Secrets, ",")})
	}
	want := []row{
		{"db1", "db1", kb.String(), "secrets.nix:4", "", "a.age,sub/b.age"},
		{"web1", "pubkey", keyA, "hosts.nix:2", "10.0.0.5:2222", "a.age"},
		{"web2", "publicKey", kc.String(), "hosts.nix:3", "web2.example.org", "sub/b.age"},
		// An interpolated address is not a literal: resolved otherwise.
		{"web3", "key", kd.String(), "hosts.nix:4", "", "sub/b.age"},
		{"web4", "hostKey", ke.String(), "hosts.nix:5", "192.0.2.4", "sub/b.age"},
	}
	sortRows := func(r []row) {
		for i := range r {
			for j := i + 1; j < len(r); j++ {
				if r[j].Name < r[i].Name {
					r[i], r[j] = r[j], r[i]
				}
			}
		}
	}
	sortRows(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hosts:\n got %+v\nwant %+v", got, want)
	}
	joined := ""
	for _, n := range notes {
		joined += string(n) + "\n"
	}
	for _, w := range []string{"alice: a X25519 key", "rsa1: a ssh-rsa key"} {
		if !strings.Contains(joined, w) {
			t.Errorf("notes %q lack %q", joined, w)
		}
	}
}

func TestMerge(t *testing.T) {
	_, k1 := newEd25519(t)
	_, k2 := newEd25519(t)
	a := []Host{{Name: "web1", Key: k1, DeclaredIn: "secrets.nix:3", Secrets: []string{"a.age"}}}
	b := []Host{
		{Name: "web1", Key: k1, DeclaredIn: ".sops.yaml:2", Address: "10.0.0.1", Secrets: []string{"s.yaml", "a.age"}},
		{Name: "web2", Key: k2, DeclaredIn: ".sops.yaml:3"},
		{Name: "web2", Key: k1, DeclaredIn: ".sops.yaml:4"},
	}
	got, notes := Merge(a, b)
	if len(got) != 2 || got[0].Address != "10.0.0.1" || strings.Join(got[0].Secrets, ",") != "a.age,s.yaml" || !got[1].Key.Equal(k2) {
		t.Errorf("merged %+v", got)
	}
	// One name, two keys: only one is checked (and --fix fixes only it),
	// which every run checking that host says, not only -v: a warning of
	// the host, not a note of the run.
	if w := got[1].Warnings; len(notes) != 0 || len(w) != 1 || !strings.Contains(string(w[0]), ".sops.yaml:4") || !w[0].Warning() || len(got[0].Warnings) != 0 {
		t.Errorf("notes %q, warnings %q, %q", notes, got[0].Warnings, got[1].Warnings)
	}
}

func rsaKey(t *testing.T) string {
	b, err := os.ReadFile("../../recipients/testdata/rsa2048.pub")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	return f[0] + " " + f[1]
}
