package gitignore

import (
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
