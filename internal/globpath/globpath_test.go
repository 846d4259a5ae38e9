package globpath

import "testing"

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"org/*", "org/a.age", true},
		{"org/*", "org/sub/a.age", false},
		{"org/**", "org/a.age", true},
		{"org/**", "org/sub dir/root pässword.age", true},
		{"org/**", "org", false},
		{"**/*.age", "a.age", true},
		{"**/*.age", "x/y/a.age", true},
		{"**/*.age", "x/y/a.yaml", false},
		{"org/**/tls.age", "org/tls.age", true},
		{"org/**/tls.age", "org/a/b/tls.age", true},
		{"org/**/tls.age", "org/a/b/tls.agex", false},
		{"../org/*", "../org/a.age", true},
		{"**", "anything/at/all", true},
		{"web/\\*.age", "web/*.age", true},
		{"web/\\*.age", "web/a.age", false},
		{"a**b", "axxb", true}, // not a whole segment: path.Match's *
		{"a**b", "ax/xb", false},
	} {
		got, err := Match(tc.pattern, tc.name)
		if err != nil || got != tc.want {
			t.Errorf("Match(%q, %q) = %v, %v; want %v", tc.pattern, tc.name, got, err, tc.want)
		}
	}
	for _, bad := range []string{"[", "org/[a", "**/[", "a\\"} {
		if _, err := Match(bad, "x"); err == nil {
			t.Errorf("Match(%q): no error", bad)
		}
	}
}
