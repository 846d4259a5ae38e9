package secretsnix

import (
	"fmt"
	"sort"
	"strings"
)

type primop struct {
	name  string
	arity int
	fn    func(ev *evaluator, args []*thunk, pos int) (value, error)
}

// nixBuiltins is every name in Nix 2.8's builtins set. Those without an
// implementation here are outside the subset: using one is an error that
// names it.
var nixBuiltins = []string{"abort", "add", "addErrorContext", "all", "any", "appendContext", "attrNames", "attrValues", "baseNameOf", "bitAnd", "bitOr", "bitXor", "builtins", "catAttrs", "ceil", "compareVersions", "concatLists", "concatMap", "concatStringsSep", "currentSystem", "currentTime", "deepSeq", "derivation", "derivationStrict", "dirOf", "div", "elem", "elemAt", "false", "fetchGit", "fetchMercurial", "fetchTarball", "fetchTree", "fetchurl", "filter", "filterSource", "findFile", "floor", "foldl'", "fromJSON", "fromTOML", "functionArgs", "genList", "genericClosure", "getAttr", "getContext", "getEnv", "getFlake", "groupBy", "hasAttr", "hasContext", "hashFile", "hashString", "head", "import", "intersectAttrs", "isAttrs", "isBool", "isFloat", "isFunction", "isInt", "isList", "isNull", "isPath", "isString", "langVersion", "length", "lessThan", "listToAttrs", "map", "mapAttrs", "match", "mul", "nixPath", "nixVersion", "null", "parseDrvName", "partition", "path", "pathExists", "placeholder", "readDir", "readFile", "removeAttrs", "replaceStrings", "scopedImport", "seq", "sort", "split", "splitVersion", "storeDir", "storePath", "stringLength", "sub", "substring", "tail", "throw", "toFile", "toJSON", "toPath", "toString", "toXML", "trace", "true", "tryEval", "typeOf", "unsafeDiscardOutputDependency", "unsafeDiscardStringContext", "unsafeGetAttrPos", "zipAttrsWith"}

// globalNames are the builtins Nix also binds unqualified; every other
// builtin is reachable as __name.
var globalNames = map[string]bool{"abort": true, "baseNameOf": true, "builtins": true, "derivation": true, "derivationStrict": true, "dirOf": true, "false": true, "fetchGit": true, "fetchMercurial": true, "fetchTarball": true, "fetchTree": true, "fromTOML": true, "import": true, "isNull": true, "map": true, "null": true, "placeholder": true, "removeAttrs": true, "scopedImport": true, "throw": true, "toString": true, "true": true}

func (ev *evaluator) initBuiltins() {
	ops := primops()
	bs := &attrsV{attrs: make([]attr, 0, len(nixBuiltins))}
	var names []string
	var vals []*thunk
	for _, name := range nixBuiltins {
		var t *thunk
		switch name {
		case "builtins":
			t = done(bs)
		case "true":
			t = done(true)
		case "false":
			t = done(false)
		case "null":
			t = done(nullV{})
		case "nixVersion":
			t = done(&strV{s: "2.8.0"})
		case "langVersion":
			t = done(int64(6))
		case "storeDir":
			t = done(&strV{s: "/nix/store"})
		default:
			if op, ok := ops[name]; ok {
				t = done(&primopV{op: op})
			} else if n, ok := refusedFns[name]; ok {
				t = done(&primopV{op: refusedPrimop(name, n)})
			} else {
				t = &thunk{expr: &unsupportedNode{what: "builtins." + name}}
			}
		}
		bs.attrs = append(bs.attrs, attr{name: name, t: t})
		if globalNames[name] {
			names = append(names, name)
		} else {
			names = append(names, "__"+name)
		}
		vals = append(vals, t)
	}
	sort.Slice(bs.attrs, func(i, j int) bool { return bs.attrs[i].name < bs.attrs[j].name })
	ev.base = &env{vals: vals}
	ev.baseSc = newScope(nil, names)
}

func (ev *evaluator) forceArg(t *thunk, pos int) (value, error) { return ev.force(t, pos) }

func (ev *evaluator) forceInt(t *thunk, pos int) (int64, error) {
	v, err := ev.force(t, pos)
	if err != nil {
		return 0, err
	}
	i, ok := v.(int64)
	if !ok {
		return 0, ev.errorf(pos, "value is %s while an integer was expected", typeName(v))
	}
	return i, nil
}

// forceAs forces t and requires a value of type T; what names the type in
// Nix's words for the error.
func forceAs[T value](ev *evaluator, t *thunk, pos int, what string) (T, error) {
	v, err := ev.force(t, pos)
	if err != nil {
		var zero T
		return zero, err
	}
	return asType[T](ev, v, pos, what)
}

// asType requires v to be a T, with Nix's "value is X while Y was expected".
func asType[T value](ev *evaluator, v value, pos int, what string) (T, error) {
	x, ok := v.(T)
	if !ok {
		return x, ev.errorf(pos, "value is %s while %s was expected", typeName(v), what)
	}
	return x, nil
}

// asBool is the test of predicates (filter, any, all, sort, partition) and
// of conditions.
func (ev *evaluator) asBool(v value, pos int) (bool, error) {
	return asType[bool](ev, v, pos, "a Boolean")
}

func (ev *evaluator) forceBool(t *thunk, pos int) (bool, error) {
	return forceAs[bool](ev, t, pos, "a Boolean")
}

func (ev *evaluator) forceList(t *thunk, pos int) (*listV, error) {
	return forceAs[*listV](ev, t, pos, "a list")
}

func (ev *evaluator) forceAttrs(t *thunk, pos int) (*attrsV, error) {
	return forceAs[*attrsV](ev, t, pos, "a set")
}

func (ev *evaluator) forceStr(t *thunk, pos int) (*strV, error) {
	return forceAs[*strV](ev, t, pos, "a string")
}

func (ev *evaluator) forceFunction(t *thunk, pos int) (value, error) {
	v, err := ev.force(t, pos)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case *lambdaV, *primopV:
		return v, nil
	case *attrsV:
		if _, ok := v.(*attrsV).get("__functor"); ok {
			return v, nil
		}
	}
	return nil, ev.errorf(pos, "value is %s while a function was expected", typeName(v))
}

// forcePath accepts a path or an absolute path string, as import and
// readFile do.
func (ev *evaluator) forcePath(t *thunk, pos int) (string, error) {
	v, err := ev.force(t, pos)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case pathV:
		return string(x), nil
	case *strV:
		if !strings.HasPrefix(x.s, "/") {
			return "", ev.errorf(pos, "string '%s' doesn't represent an absolute path", x.s)
		}
		return canonPath(x.s), nil
	case *attrsV:
		s, err := ev.coerceToString(x, pos, false, true)
		if err != nil {
			return "", err
		}
		if !strings.HasPrefix(s, "/") {
			return "", ev.errorf(pos, "string '%s' doesn't represent an absolute path", s)
		}
		return canonPath(s), nil
	}
	return "", ev.errorf(pos, "cannot coerce %s to a string", typeName(v))
}

// lazyCall is a thunk for f applied to args, named like an attribute.
func lazyCall(f *thunk, pos int, name string, args ...*thunk) *thunk {
	return &thunk{expr: &callNode{fn: f, args: args, pos: pos}, name: name}
}

func (ev *evaluator) call(f value, pos int, args ...*thunk) (value, error) {
	var err error
	for _, a := range args {
		if f, err = ev.apply(f, a, pos); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func primops() map[string]*primop {
	m := map[string]*primop{}
	add := func(name string, arity int, fn func(ev *evaluator, a []*thunk, pos int) (value, error)) {
		m[name] = &primop{name: name, arity: arity, fn: fn}
	}
	addCore(add)
	addLists(add)
	addAttrs(add)
	addStrings(add)
	addRegex(add)
	addMisc(add)
	addData(add)
	addXML(add)
	addScopedImport(add)
	return m
}

type addFn func(name string, arity int, fn func(ev *evaluator, a []*thunk, pos int) (value, error))

func addCore(add addFn) {
	add("import", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		p, err := ev.forcePath(a[0], pos)
		if err != nil {
			return nil, err
		}
		t, err := ev.importFile(p, pos)
		if err != nil {
			return nil, err
		}
		return ev.force(t, pos)
	})
	add("readFile", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		p, err := ev.forcePath(a[0], pos)
		if err != nil {
			return nil, err
		}
		real, err := ev.checkInRoot(p, pos)
		if err != nil {
			return nil, err
		}
		data, err := ev.readInput(real, p, pos)
		if err != nil {
			return nil, err
		}
		if err := ev.step(len(data) / 64); err != nil {
			return nil, err
		}
		return &strV{s: data}, nil
	})
	add("pathExists", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		p, err := ev.forcePath(a[0], pos)
		if err != nil {
			return nil, err
		}
		_, err = ev.checkInRoot(p, pos)
		if err != nil {
			if e, ok := err.(*Error); ok && strings.HasSuffix(e.Msg, "does not exist") {
				return false, nil
			}
			return nil, err
		}
		return true, nil
	})
	add("throw", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStrCoerce(a[0], pos)
		if err != nil {
			return nil, err
		}
		return nil, ev.catchable(ev.errorf(pos, "%s", s))
	})
	add("abort", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStrCoerce(a[0], pos)
		if err != nil {
			return nil, err
		}
		return nil, ev.errorf(pos, "evaluation aborted with the following error message: '%s'", s)
	})
	add("addErrorContext", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) { return ev.force(a[1], pos) })
	add("trace", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		if _, err := ev.force(a[0], pos); err != nil {
			return nil, err
		}
		return ev.force(a[1], pos)
	})
	add("seq", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		if _, err := ev.force(a[0], pos); err != nil {
			return nil, err
		}
		return ev.force(a[1], pos)
	})
	add("deepSeq", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		if err := ev.deepForce(v, pos, map[any]bool{}, 0); err != nil {
			return nil, err
		}
		return ev.force(a[1], pos)
	})
	add("typeOf", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		return &strV{s: typeOf(v)}, nil
	})
	for name, typ := range map[string]string{"isAttrs": "set", "isBool": "bool", "isFloat": "float", "isFunction": "lambda", "isInt": "int", "isList": "list", "isNull": "null", "isPath": "path", "isString": "string"} {
		typ := typ
		add(name, 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
			v, err := ev.force(a[0], pos)
			if err != nil {
				return nil, err
			}
			return typeOf(v) == typ, nil
		})
	}
	arith := func(op TokKind) func(ev *evaluator, a []*thunk, pos int) (value, error) {
		return func(ev *evaluator, a []*thunk, pos int) (value, error) {
			l, err := ev.force(a[0], pos)
			if err != nil {
				return nil, err
			}
			r, err := ev.force(a[1], pos)
			if err != nil {
				return nil, err
			}
			if op == TPlus {
				switch l.(type) {
				case int64, float64:
				default:
					return nil, ev.errorf(pos, "value is %s while an integer was expected", typeName(l))
				}
				return ev.plus(l, r, pos, pos)
			}
			return ev.arith(op, l, r, pos)
		}
	}
	add("add", 2, arith(TPlus))
	add("sub", 2, arith(TMinus))
	add("mul", 2, arith(TStar))
	add("div", 2, arith(TSlash))
	add("lessThan", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		l, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		r, err := ev.force(a[1], pos)
		if err != nil {
			return nil, err
		}
		return ev.lessThan(l, r, pos)
	})
	bit := func(f func(x, y int64) int64) func(ev *evaluator, a []*thunk, pos int) (value, error) {
		return func(ev *evaluator, a []*thunk, pos int) (value, error) {
			x, err := ev.forceInt(a[0], pos)
			if err != nil {
				return nil, err
			}
			y, err := ev.forceInt(a[1], pos)
			if err != nil {
				return nil, err
			}
			return f(x, y), nil
		}
	}
	add("bitAnd", 2, bit(func(x, y int64) int64 { return x & y }))
	add("bitOr", 2, bit(func(x, y int64) int64 { return x | y }))
	add("bitXor", 2, bit(func(x, y int64) int64 { return x ^ y }))
	round := func(up bool) func(ev *evaluator, a []*thunk, pos int) (value, error) {
		return func(ev *evaluator, a []*thunk, pos int) (value, error) {
			v, err := ev.force(a[0], pos)
			if err != nil {
				return nil, err
			}
			f, err := ev.toFloat(v, pos, true)
			if err != nil {
				return nil, err
			}
			if up {
				return int64(ceilF(f)), nil
			}
			return int64(floorF(f)), nil
		}
	}
	add("ceil", 1, round(true))
	add("floor", 1, round(false))
	add("functionArgs", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.forceFunction(a[0], pos)
		if err != nil {
			return nil, err
		}
		l, ok := v.(*lambdaV)
		if !ok || l.fn.Formals == nil {
			return emptyAttrs, nil
		}
		out := &attrsV{}
		for _, f := range l.fn.Formals.Items {
			out.attrs = append(out.attrs, attr{name: f.Name, t: done(f.Default != nil), pos: f.Pos})
		}
		sort.Slice(out.attrs, func(i, j int) bool { return out.attrs[i].name < out.attrs[j].name })
		return out, nil
	})
}

// catchable marks e as an error builtins.tryEval catches.
func (ev *evaluator) catchable(e *Error) *Error {
	if ev.thrown == nil {
		ev.thrown = map[*Error]bool{}
	}
	ev.thrown[e] = true
	return e
}

// forceStrCoerce is the message argument of throw and abort.
func (ev *evaluator) forceStrCoerce(t *thunk, pos int) (string, error) {
	v, err := ev.force(t, pos)
	if err != nil {
		return "", err
	}
	return ev.coerceToString(v, pos, false, false)
}

func floorF(f float64) float64 {
	i := float64(int64(f))
	if i > f {
		i--
	}
	return i
}

func ceilF(f float64) float64 {
	i := float64(int64(f))
	if i < f {
		i++
	}
	return i
}

var _ = fmt.Sprint
