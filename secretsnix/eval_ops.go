package secretsnix

import "math"

func (ev *evaluator) evalUnary(x *Unary, e *env) (value, error) {
	if x.Op == TNot {
		b, err := ev.evalBool(x.Expr, e, x.Pos)
		if err != nil {
			return nil, err
		}
		return !b, nil
	}
	v, err := ev.eval(x.Expr, e)
	if err != nil {
		return nil, err
	}
	return ev.arith(TMinus, int64(0), v, x.Pos)
}

func (ev *evaluator) evalBinary(x *Binary, e *env) (value, error) {
	switch x.Op {
	case TAnd, TOrOr, TImpl:
		l, err := ev.evalBool(x.L, e, x.Pos)
		if err != nil {
			return nil, err
		}
		switch {
		case x.Op == TAnd && !l:
			return false, nil
		case x.Op == TOrOr && l:
			return true, nil
		case x.Op == TImpl && !l:
			return true, nil
		}
		return ev.evalBool(x.R, e, x.Pos)
	case TPipeInto, TPipeFrom:
		return ev.evalPipe(x, e)
	}
	l, err := ev.eval(x.L, e)
	if err != nil {
		return nil, err
	}
	if x.Op == TPlus {
		// Nix evaluates both operands before looking at either.
		r, err := ev.eval(x.R, e)
		if err != nil {
			return nil, err
		}
		return ev.plus(l, r, x.L.base().Pos, x.R.base().Pos)
	}
	if rl, ok := x.R.(*ListLit); ok && x.Op == TConcat && ev.depth < maxEvalDepth {
		return ev.concatLit(x, l, rl, e)
	}
	r, err := ev.eval(x.R, e)
	if err != nil {
		return nil, err
	}
	switch x.Op {
	case TMinus, TStar, TSlash:
		return ev.arith(x.Op, l, r, x.Pos)
	case TEq, TNeq:
		eq, err := ev.equal(l, r, x.Pos, 0)
		if err != nil {
			return nil, err
		}
		return eq == (x.Op == TEq), nil
	case TLt:
		return ev.lessThan(l, r, x.OpPos)
	case TGt:
		return ev.lessThan(r, l, x.OpPos)
	case TLeq:
		lt, err := ev.lessThan(r, l, x.OpPos)
		return !lt, err
	case TGeq:
		lt, err := ev.lessThan(l, r, x.OpPos)
		return !lt, err
	case TUpdate:
		la, ok := l.(*attrsV)
		if !ok {
			return nil, ev.errorf(x.Pos, "value is %s while a set was expected", typeName(l))
		}
		ra, ok := r.(*attrsV)
		if !ok {
			return nil, ev.errorf(x.Pos, "value is %s while a set was expected", typeName(r))
		}
		return update(la, ra), nil
	case TConcat:
		ll, ok := l.(*listV)
		if !ok {
			return nil, ev.errorf(x.Pos, "value is %s while a list was expected", typeName(l))
		}
		rl, ok := r.(*listV)
		if !ok {
			return nil, ev.errorf(x.Pos, "value is %s while a list was expected", typeName(r))
		}
		return concatLists(ll, rl), nil
	}
	return nil, ev.errorf(x.Pos, "unknown operator")
}

// evalPipe is x |> f and f <| x: the call f x, reported at the operator
// as Nix does.
func (ev *evaluator) evalPipe(x *Binary, e *env) (value, error) {
	fn, arg := x.R, x.L
	if x.Op == TPipeFrom {
		fn, arg = x.L, x.R
	}
	f, err := ev.eval(fn, e)
	if err != nil {
		return nil, err
	}
	return ev.apply(f, ev.mkThunk(arg, e, ""), x.OpPos)
}

// concatLit is l ++ [ ... ]: evaluating the literal would only make its
// element thunks, so they go straight into the result instead of into a
// list that is then copied. It counts the step and checks what evaluating
// the literal would have.
func (ev *evaluator) concatLit(x *Binary, l value, r *ListLit, e *env) (value, error) {
	if err := ev.step(1); err != nil {
		return nil, err
	}
	ll, ok := l.(*listV)
	if !ok {
		return nil, ev.errorf(x.Pos, "value is %s while a list was expected", typeName(l))
	}
	if len(r.Elems) == 0 {
		return ll, nil
	}
	items := make([]*thunk, len(ll.items)+len(r.Elems))
	n := copy(items, ll.items)
	for i, el := range r.Elems {
		items[n+i] = ev.mkThunk(el, e, "")
	}
	return &listV{items: items}, nil
}

func concatLists(a, b *listV) *listV {
	if len(a.items) == 0 {
		return b
	}
	if len(b.items) == 0 {
		return a
	}
	items := make([]*thunk, 0, len(a.items)+len(b.items))
	items = append(items, a.items...)
	return &listV{items: append(items, b.items...)}
}

// plus is Nix's + : numbers add, a path absorbs strings, strings
// concatenate (coercing paths, which would copy them to the store).
func (ev *evaluator) plus(l, r value, lpos, rpos int) (value, error) {
	switch lv := l.(type) {
	case int64:
		switch rv := r.(type) {
		case int64:
			return lv + rv, nil
		case float64:
			return float64(lv) + rv, nil
		}
		return nil, ev.errorf(rpos, "cannot add %s to an integer", typeName(r))
	case float64:
		switch rv := r.(type) {
		case int64:
			return lv + float64(rv), nil
		case float64:
			return lv + rv, nil
		}
		return nil, ev.errorf(rpos, "cannot add %s to a float", typeName(r))
	case pathV:
		s, err := ev.coerceToString(r, rpos, false, true)
		if err != nil {
			return nil, err
		}
		if _, isStr := r.(*strV); !isStr {
			if _, isPath := r.(pathV); !isPath {
				return nil, ev.errorf(rpos, "cannot coerce %s to a string", typeName(r))
			}
		}
		return pathV(canonPath(string(lv) + s)), nil
	case *strV:
		s, err := ev.coerceToString(r, rpos, false, false)
		if err != nil {
			return nil, err
		}
		if err := ev.step(len(lv.s) / 64); err != nil {
			return nil, err
		}
		return &strV{s: lv.s + s}, nil
	}
	ls, err := ev.coerceToString(l, lpos, false, false)
	if err != nil {
		return nil, err
	}
	rs, err := ev.coerceToString(r, rpos, false, false)
	if err != nil {
		return nil, err
	}
	return &strV{s: ls + rs}, nil
}

func (ev *evaluator) arith(op TokKind, l, r value, pos int) (value, error) {
	li, lInt := l.(int64)
	ri, rInt := r.(int64)
	if lInt && rInt {
		switch op {
		case TMinus:
			return li - ri, nil
		case TStar:
			return li * ri, nil
		default:
			if ri == 0 {
				return nil, ev.errorf(pos, "division by zero")
			}
			if li == math.MinInt64 && ri == -1 {
				return nil, ev.errorf(pos, "overflow in integer division")
			}
			return li / ri, nil
		}
	}
	lf, err := ev.toFloat(l, pos, lInt || isFloat(r))
	if err != nil {
		return nil, err
	}
	rf, err := ev.toFloat(r, pos, true)
	if err != nil {
		return nil, err
	}
	switch op {
	case TMinus:
		return lf - rf, nil
	case TStar:
		return lf * rf, nil
	default:
		if rf == 0 {
			return nil, ev.errorf(pos, "division by zero")
		}
		return lf / rf, nil
	}
}

func isFloat(v value) bool { _, ok := v.(float64); return ok }

// toFloat is Nix's forceFloat, or forceInt when no float is involved (for
// the "while an integer was expected" message).
func (ev *evaluator) toFloat(v value, pos int, floatCtx bool) (float64, error) {
	switch x := v.(type) {
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	}
	if floatCtx {
		return 0, ev.errorf(pos, "value is %s while a float was expected", typeName(v))
	}
	return 0, ev.errorf(pos, "value is %s while an integer was expected", typeName(v))
}

func (ev *evaluator) lessThan(l, r value, pos int) (bool, error) {
	switch lv := l.(type) {
	case int64:
		switch rv := r.(type) {
		case int64:
			return lv < rv, nil
		case float64:
			return float64(lv) < rv, nil
		}
	case float64:
		switch rv := r.(type) {
		case int64:
			return lv < float64(rv), nil
		case float64:
			return lv < rv, nil
		}
	case *strV:
		if rv, ok := r.(*strV); ok {
			return lv.s < rv.s, nil
		}
	case pathV:
		if rv, ok := r.(pathV); ok {
			return lv < rv, nil
		}
	case *listV:
		if rv, ok := r.(*listV); ok {
			for i := 0; ; i++ {
				if i == len(rv.items) {
					return false, nil
				}
				if i == len(lv.items) {
					return true, nil
				}
				a, err := ev.force(lv.items[i], pos)
				if err != nil {
					return false, err
				}
				b, err := ev.force(rv.items[i], pos)
				if err != nil {
					return false, err
				}
				eq, err := ev.equal(a, b, pos, 0)
				if err != nil {
					return false, err
				}
				if !eq {
					return ev.lessThan(a, b, pos)
				}
			}
		}
	}
	return false, ev.errorf(pos, "cannot compare %s with %s", typeName(l), typeName(r))
}

func (ev *evaluator) equal(a, b value, pos, depth int) (bool, error) {
	if depth > maxEvalDepth {
		return false, ev.errorf(pos, "stack overflow (possible infinite recursion)")
	}
	if err := ev.step(1); err != nil {
		return false, err
	}
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return x == y, nil
		case float64:
			return float64(x) == y, nil
		}
		return false, nil
	case float64:
		switch y := b.(type) {
		case int64:
			return x == float64(y), nil
		case float64:
			return x == y, nil
		}
		return false, nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y, nil
	case nullV:
		_, ok := b.(nullV)
		return ok, nil
	case *strV:
		y, ok := b.(*strV)
		return ok && x.s == y.s, nil
	case pathV:
		y, ok := b.(pathV)
		return ok && x == y, nil
	case *listV:
		y, ok := b.(*listV)
		if !ok || len(x.items) != len(y.items) {
			return false, nil
		}
		for i := range x.items {
			if x.items[i] == y.items[i] {
				continue
			}
			ea, err := ev.force(x.items[i], pos)
			if err != nil {
				return false, err
			}
			eb, err := ev.force(y.items[i], pos)
			if err != nil {
				return false, err
			}
			if eq, err := ev.equal(ea, eb, pos, depth+1); err != nil || !eq {
				return false, err
			}
		}
		return true, nil
	case *attrsV:
		y, ok := b.(*attrsV)
		if !ok {
			return false, nil
		}
		if x == y {
			return true, nil
		}
		// Derivations compare by outPath.
		if isDerivation(x) && isDerivation(y) {
			pa, _ := x.get("outPath")
			pb, _ := y.get("outPath")
			va, err := ev.force(pa.t, pos)
			if err != nil {
				return false, err
			}
			vb, err := ev.force(pb.t, pos)
			if err != nil {
				return false, err
			}
			return ev.equal(va, vb, pos, depth+1)
		}
		if len(x.attrs) != len(y.attrs) {
			return false, nil
		}
		for i := range x.attrs {
			if x.attrs[i].name != y.attrs[i].name {
				return false, nil
			}
		}
		for i := range x.attrs {
			if x.attrs[i].t == y.attrs[i].t {
				continue
			}
			ea, err := ev.force(x.attrs[i].t, pos)
			if err != nil {
				return false, err
			}
			eb, err := ev.force(y.attrs[i].t, pos)
			if err != nil {
				return false, err
			}
			if eq, err := ev.equal(ea, eb, pos, depth+1); err != nil || !eq {
				return false, err
			}
		}
		return true, nil
	}
	return false, nil
}

func isDerivation(a *attrsV) bool {
	t, ok := a.get("type")
	if !ok || t.t.state != thunkDone {
		return false
	}
	s, ok := t.t.v.(*strV)
	if !ok || s.s != "derivation" {
		return false
	}
	_, ok = a.get("outPath")
	return ok
}

// apply calls f with one argument.
func (ev *evaluator) apply(f value, arg *thunk, pos int) (value, error) {
	switch fn := f.(type) {
	case *lambdaV:
		return ev.callLambda(fn, arg, pos)
	case *primopV:
		if len(fn.args)+1 < fn.op.arity {
			args := make([]*thunk, len(fn.args)+1)
			copy(args, fn.args)
			args[len(fn.args)] = arg
			return &primopV{op: fn.op, args: args}, nil
		}
		args := make([]*thunk, 0, fn.op.arity)
		args = append(append(args, fn.args...), arg)
		ev.depth++
		if ev.depth > maxEvalDepth {
			ev.depth--
			return nil, ev.errorf(pos, "stack overflow (possible infinite recursion)")
		}
		v, err := fn.op.fn(ev, args, pos)
		ev.depth--
		return v, err
	case *attrsV:
		if a, ok := fn.get("__functor"); ok {
			ff, err := ev.force(a.t, pos)
			if err != nil {
				return nil, err
			}
			g, err := ev.apply(ff, done(fn), pos)
			if err != nil {
				return nil, err
			}
			return ev.apply(g, arg, pos)
		}
	}
	return nil, ev.errorf(pos, "attempt to call something which is not a function but %s", typeName(f))
}

func (ev *evaluator) lambdaDesc(l *Lambda) string {
	if l.name != "" {
		return "'" + l.name + "' at " + ev.where(l.Pos)
	}
	return "anonymous function at " + ev.where(l.Pos)
}

func (ev *evaluator) callLambda(fn *lambdaV, arg *thunk, pos int) (value, error) {
	l := fn.fn
	ne := &env{up: fn.env, vals: make([]*thunk, l.nvars)}
	if len(ne.vals) == 0 {
		ne.vals = make([]*thunk, 1)
	}
	ne.vals[0] = arg
	if l.Formals != nil {
		av, err := ev.force(arg, pos)
		if err != nil {
			return nil, err
		}
		as, ok := av.(*attrsV)
		if !ok {
			return nil, ev.errorf(pos, "value is %s while a set was expected", typeName(av))
		}
		used := 0
		for i, f := range l.Formals.Items {
			if a, ok := as.get(f.Name); ok {
				ne.vals[i+1] = a.t
				used++
				continue
			}
			if f.Default == nil {
				return nil, ev.errorf(pos, "%s called without required argument '%s'", ev.lambdaDesc(l), f.Name)
			}
			ne.vals[i+1] = ev.mkThunk(f.Default, ne, "")
		}
		if !l.Formals.Ellipsis && used < len(as.attrs) {
			for _, a := range as.attrs {
				known := false
				for _, f := range l.Formals.Items {
					if f.Name == a.name {
						known = true
						break
					}
				}
				if !known {
					return nil, ev.errorf(pos, "%s called with unexpected argument '%s'", ev.lambdaDesc(l), a.name)
				}
			}
		}
	}
	return ev.eval(l.Body, ne)
}
