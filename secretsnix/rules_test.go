package secretsnix

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nfrekey/nfrekey/fixtures"
)

var updateGolden = flag.Bool("update", false, "rewrite golden files")

func rulesDirs(t *testing.T) []string {
	dirs, _ := filepath.Glob("testdata/rules/*")
	if len(dirs) == 0 {
		t.Fatal("no rules testdata")
	}
	return dirs
}

// relativizeFiles makes the files of imported keys and bindings (absolute,
// as imports resolve them) relative to the package directory, so the
// goldens hold no machine's path.
func relativizeFiles(t *testing.T, r *Rules) {
	t.Helper()
	wd, err := os.Getwd()
	must(t, err)
	rel := func(p string) string {
		if !filepath.IsAbs(p) {
			return p
		}
		out, err := filepath.Rel(wd, p)
		must(t, err)
		return filepath.ToSlash(out)
	}
	for i := range r.Secrets {
		for j := range r.Secrets[i].PublicKeys {
			r.Secrets[i].PublicKeys[j].File = rel(r.Secrets[i].PublicKeys[j].File)
		}
	}
	for i := range r.Bindings {
		r.Bindings[i].File = rel(r.Bindings[i].File)
	}
}

func TestLoadRulesGolden(t *testing.T) {
	for _, dir := range rulesDirs(t) {
		name := filepath.Base(dir)
		p := filepath.Join(dir, "secrets.nix")
		r, err := LoadRules(p, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		relativizeFiles(t, r)
		got, _ := json.MarshalIndent(r, "", "  ")
		got = append(got, '\n')
		golden := filepath.Join("testdata/golden", name+".rules.json")
		if *updateGolden {
			must(t, os.WriteFile(golden, got, 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		must(t, err)
		if string(got) != string(want) {
			t.Errorf("%s: LoadRules differs from %s:\n%s", name, golden, got)
		}
	}
}

// TestEvalFileGolden compares EvalFile with nix-instantiate's output,
// stored next to the rules goldens.
func TestEvalFileGolden(t *testing.T) {
	for _, dir := range rulesDirs(t) {
		name := filepath.Base(dir)
		v, err := EvalFile(filepath.Join(dir, "secrets.nix"), Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		data, err := os.ReadFile(filepath.Join("testdata/golden", name+".nix.json"))
		must(t, err)
		want, err := decodeJSON(data)
		must(t, err)
		if !reflect.DeepEqual(v, want) {
			t.Errorf("%s: EvalFile = %v, nix gave %v", name, v, want)
		}
	}
}

func TestLoadRulesUseNix(t *testing.T) {
	if _, err := exec.LookPath("nix-instantiate"); err != nil {
		t.Skip("nix-instantiate not installed")
	}
	for _, dir := range rulesDirs(t) {
		p := filepath.Join(dir, "secrets.nix")
		native, err := LoadRules(p, Options{})
		must(t, err)
		viaNix, err := LoadRules(p, Options{UseNix: true})
		must(t, err)
		for i := range native.Secrets {
			s := &native.Secrets[i]
			*s = Secret{Name: s.Name, PublicKeys: s.PublicKeys, Armor: s.Armor}
			for k := range s.PublicKeys {
				s.PublicKeys[k] = Key{Text: s.PublicKeys[k].Text}
			}
		}
		for i := range viaNix.Secrets {
			for k, key := range viaNix.Secrets[i].PublicKeys {
				viaNix.Secrets[i].PublicKeys[k] = Key{Text: key.Text}
			}
		}
		if !reflect.DeepEqual(native, viaNix) {
			t.Errorf("%s: native %+v, nix %+v", dir, native, viaNix)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.nix")
	must(t, os.WriteFile(bad, []byte("let a = 1;\nin b"), 0o644))
	_, err := LoadRules(bad, Options{UseNix: true})
	e, ok := err.(*Error)
	if !ok || e.Line != 2 || e.Col != 4 || e.Msg != "undefined variable 'b'" {
		t.Errorf("got %#v", err)
	}
}

func TestLoadRulesErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{`[ ]`, "1:1: the rules file must evaluate to an attribute set of secrets, not a list"},
		{"{\n  \"a.age\" = 1;\n}", "2:3: secret 'a.age' is an integer, not an attribute set"},
		{"{\n  \"a.age\".armor = true;\n}", "2:3: secret 'a.age' has no publicKeys"},
		{"{\n  \"a.age\".publicKeys = \"k\";\n}", "2:3: publicKeys of secret 'a.age' is a string, not a list of strings"},
		{"{\n  \"a.age\".publicKeys = [ 1 ];\n}", "2:3: publicKeys of secret 'a.age': element 0 is an integer, not a string"},
		{"{\n  \"a.age\" = { publicKeys = []; armor = 1; };\n}", "2:3: armor of secret 'a.age' is an integer, not a Boolean"},
		{"{\n  \"a.age\".publicKeys = [ (throw \"no\") ];\n}", "2:27: no"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := filepath.Join(dir, "secrets.nix")
		must(t, os.WriteFile(p, []byte(c.src), 0o644))
		_, err := LoadRules(p, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), p+":"+c.want) {
			t.Errorf("%q: got %v, want %s", c.src, err, c.want)
		}
	}
}

// TestLoadRulesGeneratedFleet checks the fleet shape the benchmarks use:
// keys named after their let binding, group lists joined with ++.
func TestLoadRulesGeneratedFleet(t *testing.T) {
	f, err := fixtures.GenerateFleet(t.TempDir(), fixtures.FleetOptions{Secrets: 20, Recipients: 4, SkipEncrypt: true, Seed: "t"})
	must(t, err)
	r, err := LoadRules(f.RulesFile, Options{})
	must(t, err)
	if len(r.Secrets) != 20 || len(r.Secrets[0].PublicKeys) != 4 {
		t.Fatalf("unexpected %+v", r.Secrets[0])
	}
	if got := r.Secrets[0].PublicKeys[0]; got.Name != "operator" || got.Text != f.Operator.Public {
		t.Errorf("first key = %+v, want operator %q", got, f.Operator.Public)
	}
	if got := r.Secrets[1].PublicKeys[1].Name; got != "host1" {
		t.Errorf("second secret's first host = %q, want host1", got)
	}
}

// TestLoadRulesBindings: the string bindings of the rules file and of the
// files it imports, evaluated with errors ignored (an unused broken
// binding stays no error), and keys placed at their binding or element.
func TestLoadRulesBindings(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "keys"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "keys", "db1.pub"), []byte("ssh-ed25519 AAAAdb1\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "hosts.nix"), []byte("{\n  web2 = \"ssh-ed25519 AAAAweb2\";\n  n = 1;\n}\n"), 0o644))
	src := `let
  web1 = "ssh-ed25519 AAAAweb1";
  db1 = builtins.readFile ./keys/db1.pub;
  gone = builtins.readFile ./keys/gone.pub;
  broken = throw "never";
  prefix = "ssh-ed25519";
  old = "${prefix} AAAAold";
  hosts = import ./hosts.nix;
  mk = x: { inner = "${x} y"; };
in
{
  "a.age".publicKeys = [ web1 "ssh-ed25519 AAAAinline" ];
  "b.age".publicKeys = [ db1 hosts.web2 ];
}
`
	p := filepath.Join(dir, "secrets.nix")
	must(t, os.WriteFile(p, []byte(src), 0o644))
	r, err := LoadRules(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range r.Bindings {
		got = append(got, fmt.Sprintf("%s:%d:%d %s=%q", filepath.Base(b.File), b.Line, b.Col, b.Name, b.Text))
	}
	want := []string{
		`secrets.nix:2:3 web1="ssh-ed25519 AAAAweb1"`,
		`secrets.nix:3:3 db1="ssh-ed25519 AAAAdb1\n"`,
		`secrets.nix:6:3 prefix="ssh-ed25519"`,
		`secrets.nix:7:3 old="ssh-ed25519 AAAAold"`,
		`hosts.nix:2:3 web2="ssh-ed25519 AAAAweb2"`,
	}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bindings:\n got %q\nwant %q", got, want)
	}
	place := func(k Key) string { return fmt.Sprintf("%s:%d:%d", filepath.Base(k.File), k.Line, k.Col) }
	a, b := r.Secrets[0].PublicKeys, r.Secrets[1].PublicKeys
	for _, c := range []struct{ got, want string }{
		{place(a[0]), "secrets.nix:2:3"},   // web1's binding
		{place(a[1]), "secrets.nix:12:31"}, // the list element
		{place(b[0]), "secrets.nix:3:3"},   // db1's binding
		{place(b[1]), "hosts.nix:2:3"},     // in the imported file
	} {
		if c.got != c.want {
			t.Errorf("key at %s, want %s", c.got, c.want)
		}
	}
	// nix mode finds the same bindings from the source.
	nb := nixBindings(p, Options{})
	if len(nb) != len(r.Bindings) {
		t.Errorf("nixBindings: %d bindings, native %d", len(nb), len(r.Bindings))
	}
}

// TestUnusedReadFileIsNotRead: the bindings walk forces unused readFile
// bindings, so a FIFO (which would block forever) or a large file there
// must be skipped, not read; a used one is an error, not a hang.
func TestUnusedReadFileIsNotRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.pub")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("skipped: cannot make a FIFO here: %v", err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "big.pub"), bytes.Repeat([]byte("x"), maxBindingFile+1), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "web1.pub"), []byte("ssh-ed25519 AAAAweb1\n"), 0o644))
	rules := filepath.Join(dir, "secrets.nix")
	must(t, os.WriteFile(rules, []byte(`let
  pipe = builtins.readFile ./pipe.pub;
  big = builtins.readFile ./big.pub;
  web1 = builtins.readFile ./web1.pub;
in { "a.age".publicKeys = [ web1 ]; }
`), 0o644))
	done := make(chan struct{})
	var r *Rules
	var err error
	go func() { r, err = LoadRules(rules, Options{}); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("LoadRules blocked on an unused readFile of a FIFO")
	}
	must(t, err)
	var names []string
	for _, b := range r.Bindings {
		names = append(names, b.Name)
	}
	if !reflect.DeepEqual(names, []string{"web1"}) {
		t.Errorf("bindings %v, want only web1", names)
	}

	must(t, os.WriteFile(rules, []byte("{ \"a.age\".publicKeys = [ (builtins.readFile ./pipe.pub) ]; }\n"), 0o644))
	if _, err := LoadRules(rules, Options{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("used readFile of a FIFO: %v", err)
	}
}

// TestRecordKeysNamedByRecord: a host kept as a record names its key
// after the record, however the record is written; a key the record takes
// from a binding keeps the binding's name.
func TestRecordKeysNamedByRecord(t *testing.T) {
	dir := t.TempDir()
	src := `let
  k = "ssh-ed25519 AAAAbound";
  web6 = { pubkey = "ssh-ed25519 AAAAweb6"; address = "10.0.0.6"; };
  hosts = { db1 = { hostKey = "ssh-ed25519 AAAAdb1"; }; db2.publicKey = "ssh-ed25519 AAAAdb2"; };
  web7 = { key = k; };
in
{
  "a.age".publicKeys = [ web6.pubkey hosts.db1.hostKey hosts.db2.publicKey web7.key ];
}
`
	p := filepath.Join(dir, "secrets.nix")
	must(t, os.WriteFile(p, []byte(src), 0o644))
	r, err := LoadRules(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range r.Secrets[0].PublicKeys {
		got = append(got, k.Name)
	}
	if want := []string{"web6", "db1", "db2", "k"}; !slices.Equal(got, want) {
		t.Errorf("key names %q, want %q", got, want)
	}
}
