package secretsnix

import "sort"

func sortAttrs(as []attr) {
	sort.SliceStable(as, func(i, j int) bool { return as[i].name < as[j].name })
}

func addAttrs(add addFn) {
	add("attrNames", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		as, err := ev.forceAttrs(a[0], pos)
		if err != nil {
			return nil, err
		}
		items := make([]*thunk, len(as.attrs))
		for i, x := range as.attrs {
			items[i] = done(&strV{s: x.name})
		}
		return &listV{items: items}, nil
	})
	add("attrValues", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		as, err := ev.forceAttrs(a[0], pos)
		if err != nil {
			return nil, err
		}
		items := make([]*thunk, len(as.attrs))
		for i, x := range as.attrs {
			items[i] = x.t
		}
		return &listV{items: items}, nil
	})
	add("hasAttr", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		n, as, err := ev.forceNameAndSet(a, pos)
		if err != nil {
			return nil, err
		}
		_, ok := as.get(n.s)
		return ok, nil
	})
	add("getAttr", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		n, as, err := ev.forceNameAndSet(a, pos)
		if err != nil {
			return nil, err
		}
		x, ok := as.get(n.s)
		if !ok {
			if as.pos != 0 {
				pos = as.pos
			}
			return nil, ev.errorf(pos, "attribute '%s' missing for call to 'getAttr'", n.s)
		}
		return ev.force(x.t, pos)
	})
	add("removeAttrs", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		as, err := ev.forceAttrs(a[0], pos)
		if err != nil {
			return nil, err
		}
		l, err := ev.forceList(a[1], pos)
		if err != nil {
			return nil, err
		}
		drop := map[string]bool{}
		for _, t := range l.items {
			s, err := ev.forceStr(t, pos)
			if err != nil {
				return nil, err
			}
			drop[s.s] = true
		}
		out := make([]attr, 0, len(as.attrs))
		for _, x := range as.attrs {
			if !drop[x.name] {
				out = append(out, x)
			}
		}
		return &attrsV{attrs: out}, nil
	})
	add("listToAttrs", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		l, err := ev.forceList(a[0], pos)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		var out []attr
		for _, t := range l.items {
			e, err := ev.forceAttrs(t, pos)
			if err != nil {
				return nil, err
			}
			nt, ok := e.get("name")
			if !ok {
				return nil, ev.errorf(pos, "attribute 'name' missing")
			}
			n, err := ev.forceStr(nt.t, pos)
			if err != nil {
				return nil, err
			}
			if seen[n.s] {
				continue
			}
			vt, ok := e.get("value")
			if !ok {
				return nil, ev.errorf(pos, "attribute 'value' missing")
			}
			seen[n.s] = true
			// The generated attribute names the value, like a written one.
			out = append(out, attr{name: n.s, t: lazyCall(done(genValuePrimop), pos, n.s, vt.t), pos: vt.pos})
		}
		sortAttrs(out)
		return &attrsV{attrs: out}, nil
	})
	add("mapAttrs", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		as, err := ev.forceAttrs(a[1], pos)
		if err != nil {
			return nil, err
		}
		out := make([]attr, len(as.attrs))
		for i, x := range as.attrs {
			out[i] = attr{name: x.name, t: lazyCall(a[0], pos, x.name, done(&strV{s: x.name}), x.t), pos: x.pos}
		}
		return &attrsV{attrs: out}, nil
	})
	add("intersectAttrs", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		x, err := ev.forceAttrs(a[0], pos)
		if err != nil {
			return nil, err
		}
		y, err := ev.forceAttrs(a[1], pos)
		if err != nil {
			return nil, err
		}
		var out []attr
		for _, b := range y.attrs {
			if _, ok := x.get(b.name); ok {
				out = append(out, b)
			}
		}
		return &attrsV{attrs: out}, nil
	})
	add("catAttrs", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		n, err := ev.forceStr(a[0], pos)
		if err != nil {
			return nil, err
		}
		l, err := ev.forceList(a[1], pos)
		if err != nil {
			return nil, err
		}
		var items []*thunk
		for _, t := range l.items {
			as, err := ev.forceAttrs(t, pos)
			if err != nil {
				return nil, err
			}
			if x, ok := as.get(n.s); ok {
				items = append(items, x.t)
			}
		}
		return &listV{items: items}, nil
	})
	add("groupBy", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		f, l, err := ev.forceFunctionAndList(a, pos)
		if err != nil {
			return nil, err
		}
		groups := map[string][]*thunk{}
		var order []string
		for _, t := range l.items {
			r, err := ev.call(f, pos, t)
			if err != nil {
				return nil, err
			}
			s, ok := r.(*strV)
			if !ok {
				return nil, ev.errorf(pos, "value is %s while a string was expected", typeName(r))
			}
			if _, seen := groups[s.s]; !seen {
				order = append(order, s.s)
			}
			groups[s.s] = append(groups[s.s], t)
		}
		out := make([]attr, len(order))
		for i, k := range order {
			out[i] = attr{name: k, t: done(&listV{items: groups[k]})}
		}
		sortAttrs(out)
		return &attrsV{attrs: out}, nil
	})
	add("zipAttrsWith", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		l, err := ev.forceList(a[1], pos)
		if err != nil {
			return nil, err
		}
		vals := map[string][]*thunk{}
		var order []string
		for _, t := range l.items {
			as, err := ev.forceAttrs(t, pos)
			if err != nil {
				return nil, err
			}
			for _, x := range as.attrs {
				if _, seen := vals[x.name]; !seen {
					order = append(order, x.name)
				}
				vals[x.name] = append(vals[x.name], x.t)
			}
		}
		out := make([]attr, len(order))
		for i, k := range order {
			out[i] = attr{name: k, t: lazyCall(a[0], pos, k, done(&strV{s: k}), done(&listV{items: vals[k]}))}
		}
		sortAttrs(out)
		return &attrsV{attrs: out}, nil
	})
}

// genValuePrimop forwards its argument; listToAttrs wraps values in it so
// that the generated attribute names them. The name "value" that the
// { name = ...; value = ...; } element itself gave is no real name.
var genValuePrimop = &primopV{op: &primop{name: "listToAttrs", arity: 1, fn: func(ev *evaluator, a []*thunk, pos int) (value, error) {
	v, err := ev.force(a[0], pos)
	if s, ok := v.(*strV); ok && s.name == "value" {
		return &strV{s: s.s}, nil
	}
	return v, err
}}}

// forceNameAndSet forces the (name, set) arguments of hasAttr and getAttr.
func (ev *evaluator) forceNameAndSet(a []*thunk, pos int) (*strV, *attrsV, error) {
	n, err := ev.forceStr(a[0], pos)
	if err != nil {
		return nil, nil, err
	}
	as, err := ev.forceAttrs(a[1], pos)
	if err != nil {
		return nil, nil, err
	}
	return n, as, nil
}
