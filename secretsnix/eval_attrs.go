package secretsnix

import "sort"

func (ev *evaluator) evalAttrs(d *attrsDesc, e *env) (*attrsV, error) {
	inner := e
	if d.rec {
		inner = &env{up: e, vals: make([]*thunk, len(d.static))}
	}
	var attrs []attr
	var res *attrsV
	if len(d.static) == 1 && len(d.dyn) == 0 {
		// A set of one attribute (x.publicKeys = ...) in one allocation.
		one := &attrsV1{}
		attrs, res = one.a[:], &one.v
	} else {
		attrs = make([]attr, len(d.static), len(d.static)+len(d.dyn))
		res = &attrsV{}
	}
	for i, a := range d.static {
		var t *thunk
		if a.inherited {
			t = ev.mkThunk(a.value, e, a.name)
		} else {
			t = ev.mkThunk(a.value, inner, a.name)
		}
		if d.rec {
			inner.vals[i] = t
		}
		attrs[i] = attr{name: a.name, t: t, pos: a.pos}
	}
	res.attrs, res.pos = attrs, d.pos
	if len(d.dyn) == 0 {
		return res, nil
	}
	for _, da := range d.dyn {
		nv, err := ev.eval(da.name, inner)
		if err != nil {
			return nil, err
		}
		if _, isNull := nv.(nullV); isNull {
			continue
		}
		ns, ok := nv.(*strV)
		if !ok {
			return nil, ev.errorf(da.pos, "value is %s while a string was expected", typeName(nv))
		}
		if prev, dup := res.get(ns.s); dup {
			return nil, ev.errorf(da.pos, "dynamic attribute '%s' already defined at %s", ns.s, ev.where(prev.pos))
		}
		i := sort.Search(len(res.attrs), func(i int) bool { return res.attrs[i].name >= ns.s })
		res.attrs = append(res.attrs, attr{})
		copy(res.attrs[i+1:], res.attrs[i:])
		res.attrs[i] = attr{name: ns.s, t: ev.mkThunk(da.value, inner, ns.s), pos: da.pos}
	}
	return res, nil
}

// attrsV1 is an attribute set with its single attribute.
type attrsV1 struct {
	v attrsV
	a [1]attr
}

func (ev *evaluator) attrName(a *AttrName, e *env) (string, error) {
	if a.Dyn == nil {
		return a.Name, nil
	}
	v, err := ev.eval(a.Dyn, e)
	if err != nil {
		return "", err
	}
	s, ok := v.(*strV)
	if !ok {
		return "", ev.errorf(a.Pos, "value is %s while a string was expected", typeName(v))
	}
	return s.s, nil
}

func (ev *evaluator) evalSelect(x *Select, e *env) (value, error) {
	return ev.evalSelectAt(x, e, 0)
}

// evalSelectAt is evalSelect for a select forced from usePos (non-zero
// for an inherit (From) name): a builtin nfrekey refuses, reached that
// way (inherit (builtins) currentSystem), is reported where it is used,
// not at the inherit.
func (ev *evaluator) evalSelectAt(x *Select, e *env, usePos int) (value, error) {
	v, err := ev.eval(x.Expr, e)
	if err != nil {
		return nil, err
	}
	for i, an := range x.Path {
		name, err := ev.attrName(an, e)
		if err != nil {
			return nil, err
		}
		as, ok := v.(*attrsV)
		var a attr
		found := false
		if ok {
			a, found = as.get(name)
		}
		if !found {
			if x.Default != nil {
				return ev.eval(x.Default, e)
			}
			if !ok {
				return nil, ev.errorf(x.Pos, "value is %s while a set was expected", typeName(v))
			}
			return nil, ev.errorf(x.Pos, "attribute '%s' missing", name)
		}
		// Nix forces the last attribute at its definition, the others at
		// the select expression.
		pos := x.Pos
		if i == len(x.Path)-1 && a.pos != 0 {
			pos = a.pos
		}
		if u, ok := a.t.expr.(*unsupportedNode); ok && usePos != 0 && a.t.state == thunkPending {
			return nil, ev.unsupported(usePos, u.what)
		}
		if v, err = ev.force(a.t, pos); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func (ev *evaluator) evalHasAttr(x *HasAttr, e *env) (value, error) {
	v, err := ev.eval(x.Expr, e)
	if err != nil {
		return nil, err
	}
	for i, an := range x.Path {
		name, err := ev.attrName(an, e)
		if err != nil {
			return nil, err
		}
		as, ok := v.(*attrsV)
		if !ok {
			return false, nil
		}
		a, found := as.get(name)
		if !found {
			return false, nil
		}
		if i < len(x.Path)-1 {
			if v, err = ev.force(a.t, x.Pos); err != nil {
				return nil, err
			}
		}
	}
	return true, nil
}

// update is a // b: b's attributes win.
func update(a, b *attrsV) *attrsV {
	if len(b.attrs) == 0 {
		return a
	}
	if len(a.attrs) == 0 {
		return b
	}
	out := make([]attr, 0, len(a.attrs)+len(b.attrs))
	i, j := 0, 0
	for i < len(a.attrs) && j < len(b.attrs) {
		switch {
		case a.attrs[i].name < b.attrs[j].name:
			out = append(out, a.attrs[i])
			i++
		case a.attrs[i].name > b.attrs[j].name:
			out = append(out, b.attrs[j])
			j++
		default:
			out = append(out, b.attrs[j])
			i++
			j++
		}
	}
	out = append(out, a.attrs[i:]...)
	out = append(out, b.attrs[j:]...)
	return &attrsV{attrs: out}
}
