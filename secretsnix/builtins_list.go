package secretsnix

import "sort"

func addLists(add addFn) {
	add("length", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		l, err := ev.forceList(a[0], pos)
		if err != nil {
			return nil, err
		}
		return int64(len(l.items)), nil
	})
	elemAt := func(ev *evaluator, lt *thunk, n int64, pos int) (value, error) {
		l, err := ev.forceList(lt, pos)
		if err != nil {
			return nil, err
		}
		if n < 0 || n >= int64(len(l.items)) {
			return nil, ev.errorf(pos, "list index %d is out of bounds", n)
		}
		return ev.force(l.items[n], pos)
	}
	add("head", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) { return elemAt(ev, a[0], 0, pos) })
	add("elemAt", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		l, err := ev.forceList(a[0], pos)
		if err != nil {
			return nil, err
		}
		n, err := ev.forceInt(a[1], pos)
		if err != nil {
			return nil, err
		}
		return elemAt(ev, done(l), n, pos)
	})
	add("tail", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		l, err := ev.forceList(a[0], pos)
		if err != nil {
			return nil, err
		}
		if len(l.items) == 0 {
			return nil, ev.errorf(pos, "'tail' called on an empty list")
		}
		return &listV{items: l.items[1:]}, nil
	})
	add("map", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		l, err := ev.forceList(a[1], pos)
		if err != nil {
			return nil, err
		}
		if err := ev.step(len(l.items)); err != nil {
			return nil, err
		}
		items := make([]*thunk, len(l.items))
		for i, x := range l.items {
			items[i] = lazyCall(a[0], pos, "", x)
		}
		return &listV{items: items}, nil
	})
	add("filter", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		right, _, err := ev.partition(a, pos)
		if err != nil {
			return nil, err
		}
		return &listV{items: right}, nil
	})
	anyAll := func(all bool) func(ev *evaluator, a []*thunk, pos int) (value, error) {
		return func(ev *evaluator, a []*thunk, pos int) (value, error) {
			f, l, err := ev.forceFunctionAndList(a, pos)
			if err != nil {
				return nil, err
			}
			for _, x := range l.items {
				r, err := ev.call(f, pos, x)
				if err != nil {
					return nil, err
				}
				b, err := ev.asBool(r, pos)
				if err != nil {
					return nil, err
				}
				if b != all {
					return b, nil
				}
			}
			return all, nil
		}
	}
	add("any", 2, anyAll(false))
	add("all", 2, anyAll(true))
	add("elem", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		x, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		l, err := ev.forceList(a[1], pos)
		if err != nil {
			return nil, err
		}
		for _, t := range l.items {
			y, err := ev.force(t, pos)
			if err != nil {
				return nil, err
			}
			eq, err := ev.equal(x, y, pos, 0)
			if err != nil {
				return nil, err
			}
			if eq {
				return true, nil
			}
		}
		return false, nil
	})
	concat := func(ev *evaluator, ls []*thunk, pos int) (value, error) {
		var items []*thunk
		for _, t := range ls {
			l, err := ev.forceList(t, pos)
			if err != nil {
				return nil, err
			}
			items = append(items, l.items...)
		}
		if err := ev.step(len(items)); err != nil {
			return nil, err
		}
		return &listV{items: items}, nil
	}
	add("concatLists", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		l, err := ev.forceList(a[0], pos)
		if err != nil {
			return nil, err
		}
		return concat(ev, l.items, pos)
	})
	add("concatMap", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		f, l, err := ev.forceFunctionAndList(a, pos)
		if err != nil {
			return nil, err
		}
		parts := make([]*thunk, len(l.items))
		for i, x := range l.items {
			r, err := ev.call(f, pos, x)
			if err != nil {
				return nil, err
			}
			parts[i] = done(r)
		}
		return concat(ev, parts, pos)
	})
	add("foldl'", 3, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		f, err := ev.forceFunction(a[0], pos)
		if err != nil {
			return nil, err
		}
		l, err := ev.forceList(a[2], pos)
		if err != nil {
			return nil, err
		}
		acc, err := ev.force(a[1], pos)
		if err != nil {
			return nil, err
		}
		for _, x := range l.items {
			if acc, err = ev.call(f, pos, done(acc), x); err != nil {
				return nil, err
			}
		}
		return acc, nil
	})
	add("genList", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		n, err := ev.forceInt(a[1], pos)
		if err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, ev.errorf(pos, "cannot create list of size %d", n)
		}
		if n > 1<<26 {
			return nil, ev.errorf(pos, "list of size %d is too large", n)
		}
		if err := ev.step(int(n)); err != nil {
			return nil, err
		}
		items := make([]*thunk, n)
		for i := range items {
			items[i] = lazyCall(a[0], pos, "", done(int64(i)))
		}
		return &listV{items: items}, nil
	})
	add("sort", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		f, l, err := ev.forceFunctionAndList(a, pos)
		if err != nil {
			return nil, err
		}
		items := append([]*thunk(nil), l.items...)
		var serr error
		sort.SliceStable(items, func(i, j int) bool {
			if serr != nil {
				return false
			}
			r, err := ev.call(f, pos, items[i], items[j])
			if err != nil {
				serr = err
				return false
			}
			b, err := ev.asBool(r, pos)
			if err != nil {
				serr = err
			}
			return b
		})
		if serr != nil {
			return nil, serr
		}
		return &listV{items: items}, nil
	})
	add("partition", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		right, wrong, err := ev.partition(a, pos)
		if err != nil {
			return nil, err
		}
		return &attrsV{attrs: []attr{{name: "right", t: done(&listV{items: right})}, {name: "wrong", t: done(&listV{items: wrong})}}}, nil
	})
}

// partition splits the list a[1] by the predicate a[0]: what filter keeps
// and what it drops.
func (ev *evaluator) partition(a []*thunk, pos int) (right, wrong []*thunk, err error) {
	f, l, err := ev.forceFunctionAndList(a, pos)
	if err != nil {
		return nil, nil, err
	}
	for _, x := range l.items {
		r, err := ev.call(f, pos, x)
		if err != nil {
			return nil, nil, err
		}
		b, err := ev.asBool(r, pos)
		if err != nil {
			return nil, nil, err
		}
		if b {
			right = append(right, x)
		} else {
			wrong = append(wrong, x)
		}
	}
	return right, wrong, nil
}

// forceFunctionAndList forces the (function, list) arguments that map-like
// builtins (partition, sort, groupBy, any, all, ...) take.
func (ev *evaluator) forceFunctionAndList(a []*thunk, pos int) (value, *listV, error) {
	f, err := ev.forceFunction(a[0], pos)
	if err != nil {
		return nil, nil, err
	}
	l, err := ev.forceList(a[1], pos)
	if err != nil {
		return nil, nil, err
	}
	return f, l, nil
}
