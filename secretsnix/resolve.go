package secretsnix

import "fmt"

// The resolver binds every variable statically, as Nix does before
// evaluating: an unknown variable is an error even in code that never
// runs, and a variable becomes a (level, index) pair or a lookup in the
// enclosing with-scopes.

type scope struct {
	up    *scope
	names []string
	index map[string]int
	with  bool
}

func newScope(up *scope, names []string) *scope {
	s := &scope{up: up, names: names}
	if len(names) > 8 {
		s.index = make(map[string]int, len(names))
		for i, n := range names {
			s.index[n] = i
		}
	}
	return s
}

func (s *scope) lookup(name string) (int, bool) {
	if s.index != nil {
		i, ok := s.index[name]
		return i, ok
	}
	for i, n := range s.names {
		if n == name {
			return i, true
		}
	}
	return 0, false
}

type resolver struct {
	f     *File
	err   *Error
	depth int
}

func (r *resolver) fail(pos int, msg string) {
	if r.err == nil {
		l, c := r.f.lineCol(pos - r.f.base)
		r.err = &Error{File: r.f.Name, Line: l, Col: c, Msg: msg}
	}
}

func descNames(d *attrsDesc) []string {
	names := make([]string, len(d.static))
	for i, a := range d.static {
		names[i] = a.name
	}
	return names
}

func (r *resolver) desc(d *attrsDesc, s *scope) {
	inner := s
	if d.rec {
		inner = newScope(s, descNames(d))
	}
	for _, a := range d.static {
		if a.inherited {
			r.node(a.value, s)
		} else {
			r.node(a.value, inner)
		}
	}
	for _, a := range d.dyn {
		r.node(a.name, inner)
		r.node(a.value, inner)
	}
}

func (r *resolver) nodes(ns []Node, s *scope) {
	for _, n := range ns {
		r.node(n, s)
	}
}

func (r *resolver) node(n Node, s *scope) {
	if n == nil || r.err != nil {
		return
	}
	// The depth is restored explicitly, not by a defer: this runs for
	// every node.
	r.depth++
	if r.depth > maxDepth {
		r.fail(n.base().Pos, "expression nested too deeply")
	} else {
		r.node1(n, s)
	}
	r.depth--
}

func (r *resolver) node1(n Node, s *scope) {
	switch n := n.(type) {
	case *Ident:
		r.ident(n, s)
	case *Let:
		inner := newScope(s, descNames(n.desc))
		for _, a := range n.desc.static {
			if a.inherited {
				r.node(a.value, s)
			} else {
				r.node(a.value, inner)
			}
		}
		r.node(n.Body, inner)
	case *AttrSet:
		r.desc(n.desc, s)
	case *nested:
		r.desc(n.desc, s)
	case *Lambda:
		names := []string{n.Param}
		if n.Formals != nil {
			for _, f := range n.Formals.Items {
				names = append(names, f.Name)
			}
		}
		n.nvars = len(names)
		inner := newScope(s, names)
		if n.Formals != nil {
			for _, f := range n.Formals.Items {
				r.node(f.Default, inner)
			}
		}
		r.node(n.Body, inner)
	case *With:
		r.node(n.Env, s)
		n.prevWith = 0
		level := 1
		for sc := s; sc != nil; sc = sc.up {
			if sc.with {
				n.prevWith = level
				break
			}
			level++
		}
		r.node(n.Body, &scope{up: s, with: true})
	case *Select:
		r.node(n.Expr, s)
		for _, a := range n.Path {
			r.node(a.Dyn, s)
		}
		r.node(n.Default, s)
	case *HasAttr:
		r.node(n.Expr, s)
		for _, a := range n.Path {
			r.node(a.Dyn, s)
		}
	case *StringLit:
		for _, p := range n.Parts {
			if p.Interp != nil {
				r.node(p.Interp.Expr, s)
			}
		}
	case *PathLit:
		for _, p := range n.Parts {
			if p.Interp != nil {
				r.node(p.Interp.Expr, s)
			}
		}
	case *Binary:
		r.node(n.L, s)
		r.node(n.R, s)
	case *Apply:
		r.node(n.Fn, s)
		r.node(n.Arg, s)
	case *ListLit:
		for _, el := range n.Elems {
			// A variable, the usual element of a key list, bound
			// without node's dispatch; the checks are node's own.
			if id, ok := el.(*Ident); ok && r.err == nil && r.depth < maxDepth {
				r.ident(id, s)
			} else {
				r.node(el, s)
			}
		}
	case *Paren:
		r.node(n.Expr, s)
	case *Unary:
		r.node(n.Expr, s)
	case *If:
		r.node(n.Cond, s)
		r.node(n.Then, s)
		r.node(n.Else, s)
	case *IntLit, *FloatLit, *URILit, *SearchPath:
	default:
		r.nodes(Children(n), s)
	}
}

// ident binds a variable reference.
func (r *resolver) ident(n *Ident, s *scope) {
	level := 0
	for sc := s; sc != nil; sc = sc.up {
		if !sc.with {
			if d, ok := sc.lookup(n.Name); ok {
				n.level, n.displ, n.fromWith = int32(level), int32(d), false
				return
			}
		}
		level++
	}
	level = 0
	for sc := s; sc != nil; sc = sc.up {
		if sc.with {
			n.level, n.fromWith = int32(level), true
			return
		}
		level++
	}
	r.fail(n.Pos, fmt.Sprintf("undefined variable '%s'", n.Name))
}
