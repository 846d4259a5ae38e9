package secretsnix

import (
	"errors"
	"unicode/utf8"
)

func addRegex(add addFn) {
	add("match", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		re, s, err := ev.regexArgs("match", a, pos)
		if err != nil {
			return nil, err
		}
		v := newLatin1(s)
		m := re.whole.FindStringSubmatchIndex(v.s)
		if m == nil {
			return nullV{}, nil
		}
		return v.groups(m), nil
	})
	add("split", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		re, s, err := ev.regexArgs("split", a, pos)
		if err != nil {
			return nil, err
		}
		v := newLatin1(s)
		ms := stdMatches(re, v.s)
		if err := ev.step(len(ms)); err != nil {
			return nil, err
		}
		out := make([]*thunk, 0, 2*len(ms)+1)
		prev := 0
		for _, m := range ms {
			out = append(out, done(&strV{s: v.orig(prev, m[0])}), done(v.groups(m)))
			prev = m[1]
		}
		out = append(out, done(&strV{s: v.orig(prev, len(v.s))}))
		return &listV{items: out}, nil
	})
}

// regexArgs forces (regex, string) and compiles the regex, once per
// evaluation as Nix caches it.
func (ev *evaluator) regexArgs(name string, a []*thunk, pos int) (*nixRegex, string, error) {
	pat, err := ev.forceStr(a[0], pos)
	if err != nil {
		return nil, "", err
	}
	// The subject is not coerced either: Nix's forceStringNoCtx.
	s, err := ev.forceStrValue(a[1], pos)
	if err != nil {
		return nil, "", err
	}
	if ev.regexes == nil {
		ev.regexes = map[string]*nixRegex{}
	}
	re, ok := ev.regexes[pat.s]
	if !ok {
		re, err = compileNixRegex(pat.s)
		var un errRegexUnsupported
		switch {
		case errors.As(err, &un):
			return nil, "", ev.unsupported(pos, "in builtins."+name+", "+un.what)
		case err != nil:
			return nil, "", ev.errorf(pos, "invalid regular expression '%s'", pat.s)
		}
		ev.regexes[pat.s] = re
	}
	return re, s, nil
}

// stdMatches is the sequence std::sregex_iterator yields: after an empty
// match it tries a non-empty one at the same place before moving on, and
// after any match an empty one may follow at its end (Go's FindAll would
// drop that one).
func stdMatches(re *nixRegex, s string) [][]int {
	var out [][]int
	m := re.first.FindStringSubmatchIndex(s)
	for m != nil {
		out = append(out, m)
		start := m[1]
		if m[0] == m[1] {
			if start == len(s) {
				break
			}
			if c := shift(re.at.FindStringSubmatchIndex(s[start:]), start); c != nil && c[1] > c[0] {
				m = c
				continue
			}
			_, w := utf8.DecodeRuneInString(s[start:])
			start += w
		}
		m = shift(re.mid.FindStringSubmatchIndex(s[start:]), start)
	}
	return out
}

func shift(m []int, by int) []int {
	for i := range m {
		if m[i] >= 0 {
			m[i] += by
		}
	}
	return m
}

// latin1 is a byte string seen as one rune per byte, so that Go's regexp
// steps through bytes as std::regex does.
type latin1 struct {
	src string
	s   string
	off []int // off[i]: the byte of src where s[i] starts; nil if s == src
}

func newLatin1(src string) latin1 {
	ascii := true
	for i := 0; i < len(src); i++ {
		if src[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return latin1{src: src, s: src}
	}
	b := make([]byte, 0, len(src)*2)
	off := make([]int, 0, len(src)*2+1)
	for i := 0; i < len(src); i++ {
		n := len(b)
		b = utf8.AppendRune(b, rune(src[i]))
		for range len(b) - n {
			off = append(off, i)
		}
	}
	off = append(off, len(src))
	return latin1{src: src, s: string(b), off: off}
}

// orig is the source bytes of s[i:j].
func (l latin1) orig(i, j int) string {
	if l.off == nil {
		return l.s[i:j]
	}
	return l.src[l.off[i]:l.off[j]]
}

// groups is the list of capture groups of m: strings, null for a group
// that took no part.
func (l latin1) groups(m []int) *listV {
	n := len(m)/2 - 1
	items := make([]*thunk, n)
	for g := 1; g <= n; g++ {
		if m[2*g] < 0 {
			items[g-1] = done(nullV{})
		} else {
			items[g-1] = done(&strV{s: l.orig(m[2*g], m[2*g+1])})
		}
	}
	return &listV{items: items}
}
