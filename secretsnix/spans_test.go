package secretsnix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpans: the byte offsets LoadRules reports point at what they name,
// so an editor can splice there.
func TestSpans(t *testing.T) {
	dir := t.TempDir()
	src := "let\n  web1 = \"ssh-ed25519 AAAAweb1\";\n  keys.db1 = (\"ssh-ed25519 AAAAdb1\");\n  all = [ web1 keys.db1 ];\nin {\n  \"a.age\".publicKeys = [ web1 \"ssh-ed25519 AAAAinline\" ];\n  \"b.age\" = { publicKeys = all; };\n  \"c.age\".publicKeys = ( [ ] );\n}\n"
	p := filepath.Join(dir, "secrets.nix")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := LoadRules(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := func(s Span) string { return src[s.Start:s.End] }
	for _, b := range r.Bindings {
		want := map[string]string{"web1": `"ssh-ed25519 AAAAweb1"`, "db1": `("ssh-ed25519 AAAAdb1")`}[b.Name]
		if at(b.Value) != want || !strings.HasPrefix(src[b.Offset:], map[string]string{"web1": "web1", "db1": "keys.db1"}[b.Name]) {
			t.Errorf("binding %s: value %q at %d", b.Name, at(b.Value), b.Offset)
		}
	}
	byName := map[string]Secret{}
	for _, s := range r.Secrets {
		byName[s.Name] = s
		if !strings.HasPrefix(src[s.Offset:], `"`+s.Name+`"`) {
			t.Errorf("%s: Offset %d points at %q", s.Name, s.Offset, src[s.Offset:s.Offset+8])
		}
	}
	a := byName["a.age"]
	if !a.List || src[a.ListOpen] != '[' || src[a.ListClose] != ']' || at(a.Keys) != `[ web1 "ssh-ed25519 AAAAinline" ]` {
		t.Errorf("a.age: %+v", a)
	}
	if at(a.PublicKeys[0].Elem) != "web1" || at(a.PublicKeys[1].Elem) != `"ssh-ed25519 AAAAinline"` {
		t.Errorf("a.age elements %q %q", at(a.PublicKeys[0].Elem), at(a.PublicKeys[1].Elem))
	}
	if k := a.PublicKeys[0]; !strings.HasPrefix(src[k.Offset:], "web1 =") {
		t.Errorf("a.age web1 Offset points at %q", src[k.Offset:k.Offset+6])
	}
	if k := a.PublicKeys[1]; k.Offset != k.Elem.Start {
		t.Errorf("inline key Offset %d, element at %d", k.Offset, k.Elem.Start)
	}
	// publicKeys = all: the span is all's value, a list other entries may share.
	if b := byName["b.age"]; at(b.Keys) != "[ web1 keys.db1 ]" || !b.List {
		t.Errorf("b.age: %q %+v", at(b.Keys), b)
	}
	if c := byName["c.age"]; !c.List || !strings.Contains(at(c.Keys), "[ ]") || src[c.ListOpen:c.ListClose+1] != "[ ]" {
		t.Errorf("c.age: %q", at(c.Keys))
	}
}
