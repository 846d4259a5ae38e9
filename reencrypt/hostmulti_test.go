package reencrypt

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// TestAddHostTwoRulesFilesConcurrentSave: an add-host editing two rules
// files commits both or neither: another program's save of the second
// one between staging and the renames leaves the first as it was too,
// and no secret rekeyed.
func TestAddHostTwoRulesFilesConcurrentSave(t *testing.T) {
	r := newRepo(t)
	var rulesFiles, secrets []string
	for _, d := range []string{"a", "b"} {
		os.Mkdir(r.path(d), 0o755)
		src := "let\n  web1 = \"" + r.web1.text + "\";\nin\n{\n  \"x.age\".publicKeys = [ web1 ];\n}\n"
		if err := os.WriteFile(r.path(d+"/secrets.nix"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		encryptTo(t, r.path(d+"/x.age"), []byte("secret "+d), false, r.web1)
		rulesFiles = append(rulesFiles, r.path(d+"/secrets.nix"))
		secrets = append(secrets, r.path(d+"/x.age"))
	}
	os.Remove(r.path("secrets.nix"))
	before := readAll(t, append(append([]string{}, rulesFiles...), secrets...)...)
	theirs := []byte("# their save\n")
	for i := range rulesFiles {
		t.Run(filepath.Base(filepath.Dir(rulesFiles[i])), func(t *testing.T) {
			saved := rulesFiles[i]
			for p, data := range before {
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, err := AddHost(context.Background(), AddHostOptions{RepoRoot: r.dir, RulesFiles: rulesFiles,
				Name: "web3", Key: r.web3.recip, Secrets: []string{"x.age"}, Identities: identity.New(r.web1.id[0]),
				beforeCommit: func() {
					if err := os.WriteFile(saved, append(bytes.Clone(before[saved]), theirs...), 0o644); err != nil {
						t.Fatal(err)
					}
				}})
			if !errors.Is(err, txn.ErrChanged) {
				t.Fatalf("err = %v, want the rules file reported changed", err)
			}
			if res == nil || res.Committed {
				t.Errorf("result %+v: the edit must not count as committed", res)
			}
			for p, data := range readAll(t, append(append([]string{}, rulesFiles...), secrets...)...) {
				want := before[p]
				if p == saved {
					want = append(bytes.Clone(before[p]), theirs...)
				}
				if !bytes.Equal(data, want) {
					t.Errorf("%s changed although the run could not commit: %q", p, data)
				}
			}
			noTemps(t, r.dir)
		})
	}
}

// TestRemoveHostConcurrentSaveKeepsPub: a remove-host whose rules file is
// saved by another program before the renames writes nothing, and in
// particular does not delete the host's .pub, which the rules (theirs)
// still read.
func TestRemoveHostConcurrentSaveKeepsPub(t *testing.T) {
	h := newHostRepo(t)
	src := "let\n  web1 = builtins.readFile ./host-keys/web1.pub;\n  web2 = \"" + h.web2.text + "\";\nin\n{\n  \"a.age\".publicKeys = [ web1 web2 ];\n}\n"
	if err := os.WriteFile(h.rules, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(h.path("b.age"))
	pub := h.path("host-keys/web1.pub")
	before := readAll(t, h.rules, pub, h.path("a.age"))
	theirs := []byte("# their save\n")
	_, err := RemoveHost(context.Background(), RemoveHostOptions{RepoRoot: h.dir, RulesFiles: []string{h.rules},
		Name: "web1", Identities: identity.New(h.web1.id[0]),
		beforeCommit: func() {
			if err := os.WriteFile(h.rules, append(bytes.Clone(before[h.rules]), theirs...), 0o644); err != nil {
				t.Fatal(err)
			}
		}})
	if !errors.Is(err, txn.ErrChanged) {
		t.Fatalf("err = %v, want the rules file reported changed", err)
	}
	for p, data := range readAll(t, pub, h.path("a.age")) {
		if !bytes.Equal(data, before[p]) {
			t.Errorf("%s changed (or was deleted) although the rules were not written", filepath.Base(p))
		}
	}
	noTemps(t, h.dir)
}

func TestSecretGlobs(t *testing.T) {
	root := "/repo"
	rf := "/repo/web/secrets.nix"
	rules := &secretsnix.Rules{Secrets: []secretsnix.Secret{{Name: "tls.age"}, {Name: "odd[1]*.age"}, {Name: "../db/pg.age"}}}
	for _, tc := range []struct {
		glob string
		want []string
		ok   bool
	}{
		{"tls.age", []string{"tls.age"}, true},
		{"*.age", []string{"*.age"}, true},
		{"web/tls.age", []string{"tls.age"}, true},
		{"web/odd*", []string{`odd\[1]\*.age`}, true},
		{"db/*", []string{"../db/pg.age"}, true},
		{"nosuch/*", nil, false},
	} {
		got, ok := secretGlobs(root, rf, rules, tc.glob)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("secretGlobs(%q) = %q, %v; want %q, %v", tc.glob, got, ok, tc.want, tc.ok)
		}
	}
	if m, _ := path.Match(globEscape("odd[1]*.age"), "odd[1]*.age"); !m {
		t.Error("an escaped name does not match the name")
	}
	if m, _ := path.Match(globEscape("odd[1]*.age"), "odd1x.age"); m {
		t.Error("an escaped name matches another name")
	}
}

// TestAddHostReplaceInEveryRulesFile: add-host --replace --group G over
// two rules files rebinds NAME in the one without G too (it is asked only
// the swap there), instead of refusing that file as granting nothing.
func TestAddHostReplaceInEveryRulesFile(t *testing.T) {
	r := newRepo(t)
	srcs := map[string]string{
		"a": "let\n  web1 = \"" + r.web1.text + "\";\n  web2 = \"" + r.web2.text + "\";\n  servers = [ web1 web2 ];\nin\n{\n  \"x.age\".publicKeys = servers;\n}\n",
		"b": "let\n  web1 = \"" + r.web1.text + "\";\n  web2 = \"" + r.web2.text + "\";\nin\n{\n  \"y.age\".publicKeys = [ web1 web2 ];\n}\n",
	}
	var rulesFiles []string
	for _, d := range []string{"a", "b"} {
		os.Mkdir(r.path(d), 0o755)
		if err := os.WriteFile(r.path(d+"/secrets.nix"), []byte(srcs[d]), 0o644); err != nil {
			t.Fatal(err)
		}
		rulesFiles = append(rulesFiles, r.path(d+"/secrets.nix"))
	}
	encryptTo(t, r.path("a/x.age"), []byte("x"), false, r.web1, r.web2)
	encryptTo(t, r.path("b/y.age"), []byte("y"), false, r.web1, r.web2)
	os.Remove(r.path("secrets.nix"))
	res, err := AddHost(context.Background(), AddHostOptions{RepoRoot: r.dir, RulesFiles: rulesFiles,
		Name: "web2", Key: r.web3.recip, Replace: true, Groups: []string{"servers"}, DryRun: true})
	if err != nil {
		t.Fatalf("add-host --replace: %v", err)
	}
	var edited []string
	for _, e := range res.Edits {
		edited = append(edited, e.Path)
	}
	if !slices.Equal(edited, []string{"a/secrets.nix", "b/secrets.nix"}) {
		t.Errorf("edited %v, want both rules files rebinding web2", edited)
	}
	if !slices.Equal(res.Affected, []string{"a/x.age", "b/y.age"}) {
		t.Errorf("affected %v, want both secrets web2 could read", res.Affected)
	}
}

// TestAddHostSecretGlobRepoPath: over two rules files that both declare
// an "x.age", a --secret glob written as the repo path (a/x.age, as
// check-hosts --fix passes them) selects a's entry alone: b's x.age is
// not granted.
func TestAddHostSecretGlobRepoPath(t *testing.T) {
	r := newRepo(t)
	srcs := map[string]string{
		"a": "let\n  web1 = \"" + r.web1.text + "\";\n  web2 = \"" + r.web2.text + "\";\nin\n{\n  \"x.age\".publicKeys = [ web1 web2 ];\n}\n",
		"b": "let\n  web1 = \"" + r.web1.text + "\";\nin\n{\n  \"x.age\".publicKeys = [ web1 ];\n}\n",
	}
	var rulesFiles []string
	for _, d := range []string{"a", "b"} {
		os.Mkdir(r.path(d), 0o755)
		if err := os.WriteFile(r.path(d+"/secrets.nix"), []byte(srcs[d]), 0o644); err != nil {
			t.Fatal(err)
		}
		rulesFiles = append(rulesFiles, r.path(d+"/secrets.nix"))
	}
	encryptTo(t, r.path("a/x.age"), []byte("a"), false, r.web1, r.web2)
	encryptTo(t, r.path("b/x.age"), []byte("b"), false, r.web1)
	os.Remove(r.path("secrets.nix"))
	res, err := AddHost(context.Background(), AddHostOptions{RepoRoot: r.dir, RulesFiles: rulesFiles,
		Name: "web2", Key: r.web3.recip, Replace: true, Secrets: []string{"a/x.age"}, DryRun: true})
	if err != nil {
		t.Fatalf("add-host --replace --secret a/x.age: %v", err)
	}
	for _, e := range res.Edits {
		if e.Path != "a/secrets.nix" {
			t.Errorf("edited %s, want a/secrets.nix alone", e.Path)
		}
	}
	if !slices.Equal(res.Affected, []string{"a/x.age"}) {
		t.Errorf("affected %v, want a/x.age alone", res.Affected)
	}
}

// TestAddHostSharedKeysReachOtherRulesFile: a keys file two rules files
// import, where one of them grants attrValues of it: binding the host
// there for the other file's --group would give the first file's secret
// the host's key too, unverified and unplanned. Refused, nothing written.
func TestAddHostSharedKeysReachOtherRulesFile(t *testing.T) {
	r := newRepo(t)
	files := map[string]string{
		"keys.nix":      "{\n  web1 = \"" + r.web1.text + "\";\n}\n",
		"a/secrets.nix": "let\n  k = import ../keys.nix;\nin\n{\n  \"x.age\".publicKeys = builtins.attrValues k;\n}\n",
		"b/secrets.nix": "let\n  k = import ../keys.nix;\n  servers = [ k.web1 ];\nin\n{\n  \"y.age\".publicKeys = servers;\n}\n",
	}
	for p, src := range files {
		os.MkdirAll(filepath.Dir(r.path(p)), 0o755)
		if err := os.WriteFile(r.path(p), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	encryptTo(t, r.path("a/x.age"), []byte("x"), false, r.web1)
	encryptTo(t, r.path("b/y.age"), []byte("y"), false, r.web1)
	os.Remove(r.path("secrets.nix"))
	rulesFiles := []string{r.path("a/secrets.nix"), r.path("b/secrets.nix")}
	before := readAll(t, r.path("keys.nix"), rulesFiles[0], rulesFiles[1], r.path("a/x.age"), r.path("b/y.age"))
	res, err := AddHost(context.Background(), AddHostOptions{RepoRoot: r.dir, RulesFiles: rulesFiles,
		Name: "web3", Key: r.web3.recip, Groups: []string{"servers"}, Identities: identity.New(r.web1.id[0])})
	if err == nil {
		t.Fatalf("add-host committed %+v; want it refused: a/secrets.nix's x.age would gain web3 too", res)
	}
	if !IsInput(err) || !strings.Contains(err.Error(), "x.age") {
		t.Errorf("err = %v, want an input error naming x.age", err)
	}
	for p, data := range readAll(t, r.path("keys.nix"), rulesFiles[0], rulesFiles[1], r.path("a/x.age"), r.path("b/y.age")) {
		if !bytes.Equal(data, before[p]) {
			t.Errorf("%s changed although the add-host was refused", p)
		}
	}
}

// TestRemoveHostGeneratedKeyPicksItsRulesFile: keys made by mapAttrs
// over readDir (ambroisie/nix-config) bind no name; among two rules
// files, remove-host still picks the one whose secrets name the host
// (keys.hosts.web1) and leaves the other and the key file as they are.
func TestRemoveHostGeneratedKeyPicksItsRulesFile(t *testing.T) {
	r := newRepo(t)
	files := map[string]string{
		"keys/default.nix": "let\n  dir = ./hosts;\nin\n{\n  hosts = builtins.mapAttrs (n: _: builtins.readFile (dir + \"/${n}\")) (builtins.readDir dir);\n}\n",
		"keys/hosts/web1":  r.web1.text + "\n",
		"keys/hosts/web3":  r.web3.text + "\n",
		"a/secrets.nix":    "let\n  keys = import ../keys;\nin\n{\n  \"x.age\".publicKeys = [ keys.hosts.web1 keys.hosts.web3 ];\n}\n",
		"b/secrets.nix":    "let\n  keys = import ../keys;\nin\n{\n  \"y.age\".publicKeys = [ keys.hosts.web3 ];\n}\n",
	}
	for p, src := range files {
		os.MkdirAll(filepath.Dir(r.path(p)), 0o755)
		if err := os.WriteFile(r.path(p), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	encryptTo(t, r.path("a/x.age"), []byte("x"), false, r.web1, r.web3)
	encryptTo(t, r.path("b/y.age"), []byte("y"), false, r.web3)
	os.Remove(r.path("secrets.nix"))
	rulesFiles := []string{r.path("a/secrets.nix"), r.path("b/secrets.nix")}
	untouched := readAll(t, r.path("keys/default.nix"), r.path("keys/hosts/web1"), rulesFiles[1], r.path("b/y.age"))
	if _, err := RemoveHost(context.Background(), RemoveHostOptions{RepoRoot: r.dir, RulesFiles: rulesFiles,
		Name: "web1", Identities: identity.New(r.web3.id[0])}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(rulesFiles[0])
	if want := "let\n  keys = import ../keys;\nin\n{\n  \"x.age\".publicKeys = [ keys.hosts.web3 ];\n}\n"; string(got) != want {
		t.Errorf("a/secrets.nix =\n%s\nwant\n%s", got, want)
	}
	for p, data := range readAll(t, r.path("keys/default.nix"), r.path("keys/hosts/web1"), rulesFiles[1], r.path("b/y.age")) {
		if !bytes.Equal(data, untouched[p]) {
			t.Errorf("%s changed", p)
		}
	}
}
