package secretsnix

import "testing"

// FuzzRegex: any pattern either compiles or is refused with one of the two
// errors builtins.match reports, and matching terminates, giving group
// offsets inside the string.
func FuzzRegex(f *testing.F) {
	for _, p := range []string{"[[:space:]]+", "(a|ab)(c|bcd)(d*)", "a**", "[]a-]", "^a$", "é.", `\.\*`, "(", "[[=a=]]", "x|", "a{2,3}", ""} {
		f.Add(p, "  ab abcd é.")
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		re, err := compileNixRegex(pat)
		if err != nil {
			switch err.(type) {
			case errRegexSyntax, errRegexUnsupported:
				return
			}
			t.Fatalf("%q: error %T: %v", pat, err, err)
		}
		v := newLatin1(s)
		for _, m := range stdMatches(re, v.s) {
			if m[0] < 0 || m[1] < m[0] || m[1] > len(v.s) {
				t.Fatalf("%q on %q: bad match %v", pat, s, m)
			}
			_ = v.groups(m)
			_ = v.orig(m[0], m[1])
		}
		if m := re.whole.FindStringSubmatchIndex(v.s); m != nil && (m[0] != 0 || m[1] != len(v.s)) {
			t.Fatalf("%q on %q: whole match %v is not the whole string", pat, s, m)
		}
	})
}
