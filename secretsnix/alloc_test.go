package secretsnix

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBindsOrder covers the sorted/unsorted bookkeeping of attribute sets
// under construction (binds.go): sets stay sorted however their bindings
// are ordered or nested, and lookups and duplicate checks work on both
// paths (binary search while sorted, index or scan once not).
func TestBindsOrder(t *testing.T) {
	dir := t.TempDir()
	var rev, revDup strings.Builder
	rev.WriteString("builtins.attrNames {")
	revDup.WriteString("{")
	for i := 20; i > 0; i-- {
		fmt.Fprintf(&rev, " a%02d = %d;", i, i)
		fmt.Fprintf(&revDup, " a%02d = %d;", i, i)
	}
	rev.WriteString(" }")
	revDup.WriteString(" a07 = 0; }")
	var names []string
	for i := 1; i <= 20; i++ {
		names = append(names, fmt.Sprintf("%q", fmt.Sprintf("a%02d", i)))
	}
	for _, c := range []struct{ src, want string }{
		// A dotted path adding to an existing nested set out of order
		// (this used to leave the set unsorted).
		{`builtins.attrNames { a.x = 1; a.b.c = 2; }.a`, `["b","x"]`},
		{`let s = { a.p1 = 1; a.p2 = 1; a.p3 = 1; a.p4 = 1; a.p5 = 1; a.p6 = 1; a.p7 = 1; a.p8 = 1; a.p9 = 1; a.b.c = 2; }; in s.a.b`, `{"c":2}`},
		{`let s = { a.z = 1; a.b.y = 2; a.b.x = 3; a.m = { q = 4; }; }; in s`, `{"a":{"b":{"x":3,"y":2},"m":{"q":4},"z":1}}`},
		{`{ b = { y = 1; }; a = 0; b.x = 2; }`, `{"a":0,"b":{"x":2,"y":1}}`},
		{rev.String(), "[" + strings.Join(names, ",") + "]"},
		{revDup.String(), "ERR 1:194: attribute 'a07' already defined at FILE:1:131"},
		{`let z = 1; y = z + 1; a = y + 1; in [ a y z ]`, `[3,2,1]`},
		{`[ 1 ] ++ [ 2 3 ] ++ [ ]`, `[1,2,3]`},
		{`[ ] ++ [ 2 ]`, `[2]`},
		{`1 ++ [ 2 ]`, "ERR 1:1: value is an integer while a list was expected"},
		{`let l = [ 1 ]; in l ++ [ (l ++ [ 2 ]) ]`, `[1,[1,2]]`},
	} {
		checkEval(t, dir, c.src, c.want)
	}
}

// TestLoadRulesKeySlices: the PublicKeys of successive secrets share
// storage, so each must have cap == len and an append must not reach into
// the next secret's keys; an empty list stays an empty, non-nil slice.
func TestLoadRulesKeySlices(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "secrets.nix")
	src := `let k1 = "ssh-ed25519 AAAA1"; k2 = "ssh-ed25519 AAAA2"; in {
  "a.age".publicKeys = [ k1 k2 ];
  "b.age".publicKeys = [ k2 ];
  "c.age".publicKeys = [ ];
}`
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := LoadRules(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := r.Secrets[0].PublicKeys, r.Secrets[1].PublicKeys, r.Secrets[2].PublicKeys
	if len(a) != 2 || cap(a) != 2 || len(b) != 1 || cap(b) != 1 {
		t.Fatalf("len/cap: a %d/%d, b %d/%d", len(a), cap(a), len(b), cap(b))
	}
	_ = append(a, Key{Text: "x"})
	if b[0].Text != "ssh-ed25519 AAAA2" || b[0].Name != "k2" || b[0].Line != 1 {
		t.Errorf("appending to a's keys changed b's: %+v", b[0])
	}
	if c == nil || len(c) != 0 {
		t.Errorf("empty publicKeys: %#v", c)
	}
}
