package sopsyaml

import (
	"os"
	"path/filepath"
	"testing"
)

// The same table the sops oracle checks, as expected indices, so the
// semantics are pinned without the binary too.
func TestMatch(t *testing.T) {
	c, err := Parse(".sops.yaml", []byte(oracleConfig()))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"hosts/db1/x.yaml":          0,
		"hosts/web12.yaml":          1,
		"x/hosts/db1/y.yaml":        6, // ^ anchors at the start of the relative path
		"secrets/a/k.yaml":          2,
		"secrets/a/sub/k.yaml":      5,
		"secrets/c.env":             3,
		"app.env":                   3,
		"nested/deep/q.json":        4,
		"other/nested/deep/q.jsonx": 4, // unanchored both ends
		"secrets/web3.yaml":         1, // first match wins over ^secrets/
		"top.yaml":                  6,
		"hosts/db1web1.yaml":        1,
	}
	for p, w := range want {
		r, ok := c.Match(p)
		if !ok || r.Index != w {
			t.Errorf("Match(%q) = %v, %v; want rule %d", p, r, ok, w)
		}
	}
}

func TestMatchNone(t *testing.T) {
	c, err := Parse("x", []byte("creation_rules:\n  - path_regex: ^a/\n    age: "+oracleKeys[0]+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := c.Match("b/c.yaml"); ok {
		t.Errorf("Match chose %v for a path no rule matches", r)
	}
	empty, err := Parse("x", nil)
	if err != nil || len(empty.Rules) != 0 {
		t.Fatalf("empty file: %v %v", empty, err)
	}
	if _, ok := empty.Match("a"); ok {
		t.Error("an empty config matched")
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mk := func(p string) {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("creation_rules: []\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk(".sops.yaml")
	mk("hosts/web1/.sops.yaml")
	mk("other/.sops.yml") // sops ignores this name
	tests := []struct{ file, want string }{
		{"secrets/a.yaml", ".sops.yaml"},
		{"hosts/web1/secrets/a.yaml", "hosts/web1/.sops.yaml"},
		{"hosts/web1/a.yaml", "hosts/web1/.sops.yaml"},
		{"hosts/web2/a.yaml", ".sops.yaml"},
		{"other/a.yaml", ".sops.yaml"},
		{"a.yaml", ".sops.yaml"},
	}
	for _, tt := range tests {
		got, err := Find(root, filepath.Join(root, tt.file))
		if err != nil || got != filepath.Join(root, tt.want) {
			t.Errorf("Find(%s) = %q, %v; want %s", tt.file, got, err, tt.want)
		}
	}
	// Nothing above the repo root counts, and nothing found is "".
	sub := filepath.Join(root, "hosts")
	if got, err := Find(sub, filepath.Join(sub, "web2/a.yaml")); err != nil || got != "" {
		t.Errorf("Find under a sub-root = %q, %v; want none", got, err)
	}
	if _, err := Find(sub, filepath.Join(root, "a.yaml")); err == nil {
		t.Error("a file outside the repo root was accepted")
	}
}
