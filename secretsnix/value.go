package secretsnix

import "sort"

// value is one of: nullV, bool, int64, float64, *strV, pathV, *listV,
// *attrsV, *lambdaV, *primopV.
type value interface{}

type nullV struct{}

// strV is a string; name is the binding or attribute it was first forced
// through (key provenance for Key.Name).
type strV struct {
	s    string
	name string
}

// pathV is an absolute, canonical path.
type pathV string

type listV struct{ items []*thunk }

type attr struct {
	name string
	t    *thunk
	pos  int
}

// attrsV is an attribute set, sorted by name as Nix keeps them.
type attrsV struct {
	attrs []attr
	pos   int // where the set was written, 0 if made by a builtin
}

type lambdaV struct {
	fn  *Lambda
	env *env
}

type primopV struct {
	op   *primop
	args []*thunk
}

var emptyAttrs = &attrsV{}

func (a *attrsV) get(name string) (attr, bool) {
	as := a.attrs
	if len(as) < 8 {
		for _, x := range as {
			if x.name == name {
				return x, true
			}
		}
		return attr{}, false
	}
	i := sort.Search(len(as), func(i int) bool { return as[i].name >= name })
	if i < len(as) && as[i].name == name {
		return as[i], true
	}
	return attr{}, false
}

// thunk is a delayed computation; after forcing it holds the value.
type thunk struct {
	v     value
	expr  Node
	env   *env
	name  string
	state uint8
}

const (
	thunkPending uint8 = iota
	thunkForcing
	thunkDone
)

func done(v value) *thunk { return &thunk{v: v, state: thunkDone} }

// env is a runtime scope. A with-scope has with set and one value: the
// thunk of the with expression.
type env struct {
	up       *env
	vals     []*thunk
	with     bool
	prevWith int
}

func typeName(v value) string {
	switch v := v.(type) {
	case nullV:
		return "null"
	case bool:
		return "a Boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case *strV:
		return "a string"
	case pathV:
		return "a path"
	case *listV:
		return "a list"
	case *attrsV:
		return "a set"
	case *lambdaV, *primopV:
		_ = v
		return "a function"
	}
	return "an unknown value"
}

func typeOf(v value) string {
	switch v.(type) {
	case nullV:
		return "null"
	case bool:
		return "bool"
	case int64:
		return "int"
	case float64:
		return "float"
	case *strV:
		return "string"
	case pathV:
		return "path"
	case *listV:
		return "list"
	case *attrsV:
		return "set"
	case *lambdaV, *primopV:
		return "lambda"
	}
	return "unknown"
}
