package secretsnix

import (
	"path"
	"strings"
)

func addStrings(add addFn) {
	add("toString", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		if s, ok := v.(*strV); ok {
			return s, nil
		}
		s, err := ev.coerceToString(v, pos, true, true)
		if err != nil {
			return nil, err
		}
		return &strV{s: s}, nil
	})
	add("stringLength", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		s, err := ev.coerceToString(v, pos, false, false)
		if err != nil {
			return nil, err
		}
		return int64(len(s)), nil
	})
	add("substring", 3, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		start, err := ev.forceInt(a[0], pos)
		if err != nil {
			return nil, err
		}
		n, err := ev.forceInt(a[1], pos)
		if err != nil {
			return nil, err
		}
		v, err := ev.force(a[2], pos)
		if err != nil {
			return nil, err
		}
		s, err := ev.coerceToString(v, pos, false, false)
		if err != nil {
			return nil, err
		}
		if start < 0 {
			return nil, ev.errorf(pos, "negative start position in 'substring'")
		}
		if start >= int64(len(s)) {
			return &strV{}, nil
		}
		end := int64(len(s))
		if n >= 0 && start+n < end {
			end = start + n
		}
		return &strV{s: s[start:end]}, nil
	})
	add("concatStringsSep", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		sep, err := ev.forceStr(a[0], pos)
		if err != nil {
			return nil, err
		}
		l, err := ev.forceList(a[1], pos)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		for i, t := range l.items {
			if i > 0 {
				b.WriteString(sep.s)
			}
			v, err := ev.force(t, pos)
			if err != nil {
				return nil, err
			}
			s, err := ev.coerceToString(v, pos, false, false)
			if err != nil {
				return nil, err
			}
			b.WriteString(s)
			if err := ev.step(b.Len()/4096 + 1); err != nil {
				return nil, err
			}
		}
		return &strV{s: b.String()}, nil
	})
	add("replaceStrings", 3, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		from, err := ev.strList(a[0], pos)
		if err != nil {
			return nil, err
		}
		to, err := ev.strList(a[1], pos)
		if err != nil {
			return nil, err
		}
		if len(from) != len(to) {
			return nil, ev.errorf(pos, "'from' and 'to' arguments to 'replaceStrings' have different lengths")
		}
		s, err := ev.forceStr(a[2], pos)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		for i := 0; i <= len(s.s); {
			matched := false
			for k, f := range from {
				if strings.HasPrefix(s.s[i:], f) {
					b.WriteString(to[k])
					matched = true
					if f == "" {
						if i < len(s.s) {
							b.WriteByte(s.s[i])
						}
						i++
					} else {
						i += len(f)
					}
					break
				}
			}
			if !matched {
				if i < len(s.s) {
					b.WriteByte(s.s[i])
				}
				i++
			}
			if err := ev.step(1); err != nil {
				return nil, err
			}
		}
		return &strV{s: b.String()}, nil
	})
	add("baseNameOf", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		s, err := ev.coerceToString(v, pos, false, true)
		if err != nil {
			return nil, err
		}
		return &strV{s: baseNameOf(s)}, nil
	})
	add("dirOf", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		s, err := ev.coerceToString(v, pos, false, true)
		if err != nil {
			return nil, err
		}
		d := "."
		if i := strings.LastIndexByte(s, '/'); i == 0 {
			d = "/"
		} else if i > 0 {
			d = s[:i]
		}
		if _, isPath := v.(pathV); isPath {
			return pathV(path.Clean(d)), nil
		}
		return &strV{s: d}, nil
	})
	add("unsafeDiscardStringContext", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		return ev.forceStr(a[0], pos)
	})
	add("toJSON", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		if err := ev.writeJSON(&b, v, pos, 0); err != nil {
			return nil, err
		}
		return &strV{s: b.String()}, nil
	})
	add("fromJSON", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStr(a[0], pos)
		if err != nil {
			return nil, err
		}
		return ev.fromJSON(s.s, pos)
	})
}

func baseNameOf(p string) string {
	if p == "" {
		return ""
	}
	last := len(p) - 1
	if p[last] == '/' && last > 0 {
		last--
	}
	i := strings.LastIndexByte(p[:last+1], '/')
	return p[i+1 : last+1]
}

func (ev *evaluator) strList(t *thunk, pos int) ([]string, error) {
	l, err := ev.forceList(t, pos)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(l.items))
	for i, x := range l.items {
		s, err := ev.forceStr(x, pos)
		if err != nil {
			return nil, err
		}
		out[i] = s.s
	}
	return out, nil
}
