package secretsnix

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"sort"
	"strconv"
	"strings"
)

// addMisc registers the pure builtins on versions, hashes, closures,
// positions and string context (strings here never carry any: nothing is
// copied to a store).
func addMisc(add addFn) {
	add("compareVersions", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		x, y, err := ev.twoStrings(a, pos)
		if err != nil {
			return nil, err
		}
		return int64(compareVersions(x, y)), nil
	})
	add("splitVersion", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStrValue(a[0], pos)
		if err != nil {
			return nil, err
		}
		var items []*thunk
		for p := 0; p < len(s); {
			var c string
			c, p = nextVersionComponent(s, p)
			if c == "" {
				break
			}
			items = append(items, done(&strV{s: c}))
		}
		return &listV{items: items}, nil
	})
	add("parseDrvName", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStrValue(a[0], pos)
		if err != nil {
			return nil, err
		}
		name, version := s, ""
		for i := 0; i+1 < len(s); i++ {
			if s[i] == '-' && !isAlpha(s[i+1]) {
				name, version = s[:i], s[i+1:]
				break
			}
		}
		return &attrsV{attrs: []attr{{name: "name", t: done(&strV{s: name})}, {name: "version", t: done(&strV{s: version})}}}, nil
	})
	add("tryEval", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			if e, ok := err.(*Error); ok && ev.thrown[e] {
				return &attrsV{attrs: []attr{{name: "success", t: done(false)}, {name: "value", t: done(false)}}}, nil
			}
			return nil, err
		}
		return &attrsV{attrs: []attr{{name: "success", t: done(true)}, {name: "value", t: done(v)}}}, nil
	})
	add("hashString", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		h, err := ev.forceHash(a[0], pos)
		if err != nil {
			return nil, err
		}
		s, err := ev.forceStrValue(a[1], pos)
		if err != nil {
			return nil, err
		}
		h.Write([]byte(s))
		return &strV{s: hex.EncodeToString(h.Sum(nil))}, nil
	})
	add("genericClosure", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) { return ev.genericClosure(a[0], pos) })
	add("unsafeGetAttrPos", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		name, err := ev.forceStr(a[0], pos)
		if err != nil {
			return nil, err
		}
		set, err := ev.forceAttrs(a[1], pos)
		if err != nil {
			return nil, err
		}
		at, ok := set.get(name.s)
		f := ev.fileAt(at.pos)
		if !ok || at.pos == 0 || f == nil {
			return nullV{}, nil
		}
		l, c := f.lineCol(at.pos - f.base)
		return &attrsV{attrs: []attr{{name: "column", t: done(int64(c))}, {name: "file", t: done(&strV{s: f.Name})}, {name: "line", t: done(int64(l))}}}, nil
	})
	add("placeholder", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStr(a[0], pos)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256([]byte("nix-output:" + s.s))
		return &strV{s: "/" + nixBase32(sum[:])}, nil
	})
	add("getContext", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		if _, err := ev.forceStr(a[0], pos); err != nil {
			return nil, err
		}
		return emptyAttrs, nil
	})
	add("hasContext", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		if _, err := ev.forceStr(a[0], pos); err != nil {
			return nil, err
		}
		return false, nil
	})
	add("unsafeDiscardOutputDependency", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStrCoerce(a[0], pos)
		if err != nil {
			return nil, err
		}
		return &strV{s: s}, nil
	})
	add("appendContext", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStr(a[0], pos)
		if err != nil {
			return nil, err
		}
		ctx, err := ev.forceAttrs(a[1], pos)
		if err != nil {
			return nil, err
		}
		if len(ctx.attrs) > 0 {
			// Every context entry names a store path, which needs a store.
			return nil, ev.unsupported(pos, "builtins.appendContext with store paths")
		}
		return &strV{s: s.s}, nil
	})
	add("toPath", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		p, err := ev.forcePath(a[0], pos)
		if err != nil {
			return nil, err
		}
		return &strV{s: p}, nil
	})
}

// forceStrValue forces a string argument, not coercing: Nix's forceString.
func (ev *evaluator) forceStrValue(t *thunk, pos int) (string, error) {
	s, err := ev.forceStr(t, pos)
	if err != nil {
		return "", err
	}
	return s.s, nil
}

// twoStrings forces two string arguments (coercing as Nix's forceString
// does not: both must be strings).
func (ev *evaluator) twoStrings(a []*thunk, pos int) (string, string, error) {
	x, err := ev.forceStr(a[0], pos)
	if err != nil {
		return "", "", err
	}
	y, err := ev.forceStr(a[1], pos)
	if err != nil {
		return "", "", err
	}
	return x.s, y.s, nil
}

func newHash(algo string) hash.Hash {
	switch algo {
	case "md5":
		return md5.New()
	case "sha1":
		return sha1.New()
	case "sha256":
		return sha256.New()
	case "sha512":
		return sha512.New()
	}
	return nil
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// nextVersionComponent is Nix's: separators '.' and '-' are skipped, then
// a run of digits or a run of other non-separators is one component.
func nextVersionComponent(s string, p int) (string, int) {
	for p < len(s) && (s[p] == '.' || s[p] == '-') {
		p++
	}
	start := p
	if p < len(s) && isDigit(s[p]) {
		for p < len(s) && isDigit(s[p]) {
			p++
		}
	} else {
		for p < len(s) && !isDigit(s[p]) && s[p] != '.' && s[p] != '-' {
			p++
		}
	}
	return s[start:p], p
}

// versionNum is Nix's string2Int<int>: a component too large for a C int
// is not a number.
func versionNum(c string) (int64, bool) {
	if c == "" || !isDigit(c[0]) {
		return 0, false
	}
	n, err := strconv.ParseInt(c, 10, 32)
	return n, err == nil
}

func componentsLT(c1, c2 string) bool {
	n1, ok1 := versionNum(c1)
	n2, ok2 := versionNum(c2)
	switch {
	case ok1 && ok2:
		return n1 < n2
	case c1 == "" && ok2:
		return true
	case c1 == "pre" && c2 != "pre":
		return true
	case c2 == "pre":
		return false
	case ok2: // 2.3a < 2.3.1
		return true
	case ok1:
		return false
	}
	return c1 < c2
}

func compareVersions(v1, v2 string) int {
	p1, p2 := 0, 0
	for p1 < len(v1) || p2 < len(v2) {
		var c1, c2 string
		c1, p1 = nextVersionComponent(v1, p1)
		c2, p2 = nextVersionComponent(v2, p2)
		if componentsLT(c1, c2) {
			return -1
		}
		if componentsLT(c2, c1) {
			return 1
		}
	}
	return 0
}

// genericClosure follows Nix: a work list from startSet, each item's key
// kept once (compared as '<' compares), operator applied to each new item.
func (ev *evaluator) genericClosure(arg *thunk, pos int) (value, error) {
	args, err := ev.forceAttrs(arg, pos)
	if err != nil {
		return nil, err
	}
	argPos := pos
	if args.pos != 0 {
		argPos = args.pos
	}
	ss, ok := args.get("startSet")
	if !ok {
		return nil, ev.errorf(argPos, "attribute 'startSet' missing for call to 'genericClosure'")
	}
	start, err := ev.forceList(ss.t, pos)
	if err != nil {
		return nil, err
	}
	work := append([]*thunk(nil), start.items...)
	op, ok := args.get("operator")
	if !ok {
		return nil, ev.errorf(argPos, "attribute 'operator' missing for call to 'genericClosure'")
	}
	opv, err := ev.force(op.t, pos)
	if err != nil {
		return nil, err
	}
	var keys []value // sorted
	var res []*thunk
	for len(work) > 0 {
		if err := ev.step(1); err != nil {
			return nil, err
		}
		t := work[0]
		work = work[1:]
		e, err := ev.forceAttrs(t, pos)
		if err != nil {
			return nil, err
		}
		ka, ok := e.get("key")
		if !ok {
			return nil, ev.errorf(pos, "attribute 'key' required")
		}
		k, err := ev.force(ka.t, pos)
		if err != nil {
			return nil, err
		}
		// Nix keeps the keys in a std::set: compare the new key first, so
		// a type mismatch is reported the same way round.
		var serr error
		i := sort.Search(len(keys), func(i int) bool {
			if serr != nil {
				return true
			}
			lt, err := ev.lessThan(k, keys[i], pos)
			serr = err
			return lt
		})
		if serr != nil {
			return nil, serr
		}
		if i > 0 {
			lt, err := ev.lessThan(keys[i-1], k, pos)
			if err != nil {
				return nil, err
			}
			if !lt {
				continue // already seen
			}
		}
		keys = append(keys, nil)
		copy(keys[i+1:], keys[i:])
		keys[i] = k
		res = append(res, t)
		nv, err := ev.apply(opv, t, pos)
		if err != nil {
			return nil, err
		}
		nl, err := asType[*listV](ev, nv, pos, "a list")
		if err != nil {
			return nil, err
		}
		for _, it := range nl.items {
			if _, err := ev.force(it, pos); err != nil {
				return nil, err
			}
			work = append(work, it)
		}
	}
	return &listV{items: res}, nil
}

// nixBase32 is Nix's base-32 encoding of a hash (its own alphabet, least
// significant bits first).
func nixBase32(b []byte) string {
	const alphabet = "0123456789abcdfghijklmnpqrsvwxyz"
	n := (len(b)*8-1)/5 + 1
	var s strings.Builder
	for i := n - 1; i >= 0; i-- {
		bit := i * 5
		j, k := bit/8, uint(bit%8)
		c := int(b[j]) >> k
		if j+1 < len(b) {
			c |= int(b[j+1]) << (8 - k)
		}
		s.WriteByte(alphabet[c&0x1f])
	}
	return s.String()
}
