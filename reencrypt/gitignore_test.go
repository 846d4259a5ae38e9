package reencrypt

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestGitignoreMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		path    string
		dir     bool
		want    bool
	}{
		{"*.age", "a.age", false, true},
		{"*.age", "x/y/a.age", false, true},
		{"*.age", "a.agex", false, false},
		{"a?.age", "ab.age", false, true},
		{"a?.age", "a/.age", false, false},
		{"/top.age", "top.age", false, true},
		{"/top.age", "x/top.age", false, false},
		{"x/a.age", "x/a.age", false, true},
		{"x/a.age", "y/x/a.age", false, false},
		{"build/", "build", true, true},
		{"build/", "build", false, false},
		{"build", "x/build", true, true},
		{"**/tmp", "a/b/tmp", true, true},
		{"**/tmp", "tmp", true, true},
		{"out/**", "out/a/b.age", false, true},
		{"out/**", "out", true, false},
		{"a/**/b.age", "a/b.age", false, true},
		{"a/**/b.age", "a/x/y/b.age", false, true},
		{"a/**/b.age", "c/a/b.age", false, false},
		{"[ab].age", "b.age", false, true},
		{"[!ab].age", "b.age", false, false},
		{"[!ab].age", "c.age", false, true},
		{"\\#x.age", "#x.age", false, true},
		{"foo\\ ", "foo ", false, true},
	} {
		r, ok := parseIgnoreLine(tc.pattern)
		if !ok {
			t.Errorf("%q: not a rule", tc.pattern)
			continue
		}
		got := r.re.MatchString(tc.path) && (!r.dirOnly || tc.dir)
		if got != tc.want {
			t.Errorf("%q on %q (dir %v) = %v, want %v (%s)", tc.pattern, tc.path, tc.dir, got, tc.want, r.re)
		}
	}
	for _, l := range []string{"", "   ", "# comment", "/", "!"} {
		if _, ok := parseIgnoreLine(l); ok {
			t.Errorf("%q: a rule", l)
		}
	}
}

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
