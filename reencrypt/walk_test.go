package reencrypt

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestUndeclaredWalk: symlinked .age files are listed (not followed);
// in a git work tree, files the root's or a nested .gitignore ignores are
// skipped, with ! re-including.
func TestUndeclaredWalk(t *testing.T) {
	r := newRepo(t) // has a .git directory
	write := func(name, data string) {
		t.Helper()
		p := r.path(name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	r.secret("a.age", 1, r.web1)
	write(".gitignore", "# build output\n*.tmp.age\n/build/\n!keep.tmp.age\nsub/**/deep.age\n")
	write("x.tmp.age", "junk")
	write("keep.tmp.age", "junk")
	write("build/b.age", "junk")
	write("sub/build/c.age", "junk")
	write("sub/a/b/deep.age", "junk")
	write("sub/.gitignore", "local.age\n")
	write("sub/local.age", "junk")
	write("sub/x/local.age", "junk")
	write("stray.age", "junk")
	if err := os.Symlink("/nonexistent/secret.age", r.path("dangling.age")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.age", r.path("alias.age")); err != nil {
		t.Fatal(err)
	}
	inv := r.audit(t)
	got := map[string]string{}
	for _, s := range inv.Secrets {
		got[s.Path] = string(s.Status)
	}
	want := map[string]string{
		"a.age":           "ok",
		"keep.tmp.age":    "undeclared",
		"sub/build/c.age": "undeclared",
		"stray.age":       "undeclared",
		"dangling.age":    "undeclared",
		"alias.age":       "undeclared",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("secrets:\n got %v\nwant %v", got, want)
	}
	for _, s := range inv.Secrets {
		if s.Path == "dangling.age" && s.File != r.path("dangling.age") {
			t.Errorf("a symlink is listed as itself, not its target: %s", s.File)
		}
	}

	// Without a .git directory, nothing is ignored.
	if err := os.RemoveAll(r.path(".git")); err != nil {
		t.Fatal(err)
	}
	inv = r.audit(t)
	if n := len(inv.Secrets); n != 11 {
		var ps []string
		for _, s := range inv.Secrets {
			ps = append(ps, s.Path)
		}
		t.Errorf("outside git: %d secrets %v", n, ps)
	}
}
