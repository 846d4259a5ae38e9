package nixedit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

const verifyRules = `let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAliceAliceAliceAliceAliceAliceAliceAlic";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIWeb1Web1Web1Web1Web1Web1Web1Web1Web1Web";
  web3 = "` + fuzzKey + `";
  admins = [ alice ];
  servers = [ web1 ];
in
{
  "a.age".publicKeys = admins;
  "s.age".publicKeys = servers;
}
`

// TestVerifyRefusesWrongEdits plants wrong splices where Add would put
// right ones and checks that finish refuses each: the verification, not
// the editing code, is what stands between a bug and a wrong secrets.nix.
func TestVerifyRefusesWrongEdits(t *testing.T) {
	at := func(s string) int { return strings.Index(verifyRules, s) }
	tests := []struct {
		name string
		off  int
		end  int
		text string
		want string
	}{
		{"granted through the wrong group", at("alice ]"), at("alice ]"), "web3 ", "holds the keys of no --group"},
		{"another key removed", at("web1 ]"), at("web1 ]") + 5, "web3 ", "removes"},
		{"another key added too", at("web1 ]") + 4, at("web1 ]") + 4, " web3 alice", "adds"},
		{"the key twice", at("web1 ]") + 4, at("web1 ]") + 4, " web3 web3", "twice"},
		{"a syntax error", at("web1 ]") + 4, at("web1 ]") + 4, " web3 [", "does not parse"},
		{"a secret renamed", at(`"s.age"`) + 1, at(`"s.age"`) + 2, "t", "removes secret s.age"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rules := filepath.Join(dir, "secrets.nix")
			must(t, os.WriteFile(rules, []byte(verifyRules), 0o644))
			fs := newFiles(sn.Options{})
			src, err := fs.load(rules)
			must(t, err)
			before, err := sn.LoadRules(rules, sn.Options{})
			must(t, err)
			sites, err := findSites(fs, before)
			must(t, err)
			learnRefs(fs, sites)
			g, err := resolveGroup(fs, src, sites, "servers")
			must(t, err)
			groups := []map[string]bool{memberKeys(g, sites)}
			src.edit(tc.off, tc.end, tc.text)
			_, err = finish(rules, sn.Options{}, fs, &Result{Before: before}, func(b, a map[string]keyset) error {
				return checkAdd(b, a, fuzzKey, "", map[string]bool{}, groups)
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
		})
	}
}

func TestGroups(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "secrets.nix")
	must(t, os.WriteFile(filepath.Join(dir, "keys.nix"), []byte(`{ hosts = { web1 = "ssh-ed25519 AAAAweb1"; db1 = "ssh-ed25519 AAAAdb1"; }; admins = [ "ssh-ed25519 AAAAalice" ]; }`), 0o644))
	must(t, os.WriteFile(rules, []byte(`let
  keys = import ./keys.nix;
  servers = builtins.attrValues keys.hosts;
  everyone = servers ++ keys.admins;
  n = 3;
in
{
  "a.age".publicKeys = everyone ++ [ keys.hosts.web1 ];
}
`), 0o644))
	gs, err := Groups(rules, sn.Options{})
	must(t, err)
	var names []string
	for _, g := range gs {
		names = append(names, g.Name)
	}
	if want := []string{"everyone", "keys.admins", "keys.hosts", "servers"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("groups %v, want %v", names, want)
	}
	for _, g := range gs {
		if g.Name == "keys.hosts" && (!reflect.DeepEqual(g.Members, []string{"web1", "db1"}) || !strings.HasSuffix(g.File, "keys.nix") || g.Line != 1) {
			t.Fatalf("keys.hosts: %+v", g)
		}
		if g.Name == "servers" && g.Line != 3 {
			t.Fatalf("servers: %+v", g)
		}
	}
}

func TestCanon(t *testing.T) {
	for in, want := range map[string]string{
		"ssh-ed25519 AAAA":             "ssh-ed25519 AAAA",
		"ssh-ed25519 AAAA root@web1\n": "ssh-ed25519 AAAA",
		"  ssh-ed25519\tAAAA  ":        "ssh-ed25519 AAAA",
		"age1qqqq":                     "age1qqqq",
		"age1qqqq # comment":           "age1qqqq",
		"":                             "",
		"ssh-ed25519":                  "ssh-ed25519",
	} {
		if got := canon(in); got != want {
			t.Errorf("canon(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidName(t *testing.T) {
	for name, ok := range map[string]bool{"web3": true, "web-3": true, "_x": true, "a'": true, "3web": false, "": false, "let": false, "a.b": false, "a b": false, "-a": false} {
		if validName(name) != ok {
			t.Errorf("validName(%q) = %v", name, !ok)
		}
	}
}

func TestHandRef(t *testing.T) {
	for _, c := range []struct{ ref, want string }{
		{"web3", "web3"},
		{"hosts.web3", "hosts.web3"},
		{`(import (directory + "/${i}/")).web3`, "web3's key"},
	} {
		if got := handRef(c.ref, "web3"); got != c.want {
			t.Errorf("handRef(%q) = %q, want %q", c.ref, got, c.want)
		}
	}
}
