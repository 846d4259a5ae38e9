package nixedit

import (
	"path/filepath"
	"strings"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

func unparen(n sn.Node) sn.Node {
	for {
		p, ok := n.(*sn.Paren)
		if !ok {
			return n
		}
		n = p.Expr
	}
}

// walk calls fn on every node with its parent, in source order.
func walk(n, parent sn.Node, fn func(n, parent sn.Node)) {
	if n == nil {
		return
	}
	fn(n, parent)
	for _, c := range sn.Children(n) {
		walk(c, n, fn)
	}
}

// binds returns the bindings of a let or attribute set.
func binds(n sn.Node) []sn.Node {
	switch x := n.(type) {
	case *sn.Let:
		return x.Binds
	case *sn.AttrSet:
		return x.Binds
	}
	return nil
}

// staticPath is an attribute path's names, ok false if one is dynamic.
func staticPath(p []*sn.AttrName) ([]string, bool) {
	out := make([]string, len(p))
	for i, a := range p {
		if a.Dyn != nil {
			return nil, false
		}
		out[i] = a.Name
	}
	return out, true
}

// scopes returns the let bindings in scope at the rules file's value (the
// lets, withs and parens it is wrapped in, outermost first) and that
// value: the attribute set of secrets, possibly a // merge of several.
func scopes(root sn.Node) (lets []*sn.Let, body sn.Node) {
	lets, _, body = wrappers(root)
	return lets, body
}

// wrappers walks the lets, withs, parens and asserts the rules file's
// value is wrapped in: the lets and the withs' expressions, outermost
// first, and the value inside them.
func wrappers(root sn.Node) (lets []*sn.Let, withs []sn.Node, body sn.Node) {
	n := root
	for {
		switch x := n.(type) {
		case *sn.Paren:
			n = x.Expr
		case *sn.Let:
			lets = append(lets, x)
			n = x.Body
		case *sn.With:
			withs = append(withs, x.Env)
			n = x.Body
		case *sn.Assert:
			n = x.Body
		default:
			return lets, withs, n
		}
	}
}

// entry is one secret of the rules file as written: its name and the
// publicKeys expression.
type entry struct {
	name string
	def  *sn.AttrDef // the definition holding the publicKeys value
	keys sn.Node     // the publicKeys value
}

// entries lists the secrets written in body: { "a.age".publicKeys = ...; }
// and { "a.age" = { publicKeys = ...; }; }, through // merges.
func entries(body sn.Node) []entry {
	var out []entry
	var visit func(n sn.Node)
	visit = func(n sn.Node) {
		switch x := unparen(n).(type) {
		case *sn.Binary:
			if x.Op == sn.TUpdate {
				visit(x.L)
				visit(x.R)
			}
		case *sn.AttrSet:
			for _, b := range x.Binds {
				d, ok := b.(*sn.AttrDef)
				if !ok {
					continue
				}
				path, ok := staticPath(d.Path)
				if !ok {
					continue
				}
				switch {
				case len(path) == 2 && path[1] == "publicKeys":
					out = append(out, entry{name: path[0], def: d, keys: d.Value})
				case len(path) == 1:
					if set, ok := unparen(d.Value).(*sn.AttrSet); ok {
						for _, ib := range set.Binds {
							if id, ok := ib.(*sn.AttrDef); ok {
								if p, ok := staticPath(id.Path); ok && len(p) == 1 && p[0] == "publicKeys" {
									out = append(out, entry{name: path[0], def: id, keys: id.Value})
								}
							}
						}
					}
				}
			}
		}
	}
	visit(body)
	return out
}

// importTarget returns the file an expression imports (import ./x.nix),
// resolved against the file's directory, "" if it is no such import.
func importTarget(s *source, n sn.Node) string {
	app, ok := unparen(n).(*sn.Apply)
	if !ok {
		return ""
	}
	fn := unparen(app.Fn)
	switch f := fn.(type) {
	case *sn.Ident:
		if f.Name != "import" {
			return ""
		}
	case *sn.Select:
		id, ok := f.Expr.(*sn.Ident)
		if !ok || id.Name != "builtins" || len(f.Path) != 1 || f.Path[0].Name != "import" {
			return ""
		}
	default:
		return ""
	}
	p, ok := unparen(app.Arg).(*sn.PathLit)
	if !ok || len(p.Parts) != 1 || p.Parts[0].Interp != nil || p.Home {
		return ""
	}
	path := p.Parts[0].Lit
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(s.path), path)
	}
	return filepath.Clean(path)
}

// readFilePath returns the path literal of a builtins.readFile application
// inside n (possibly wrapped: removeSuffix "\n" (readFile ./k.pub)).
func readFilePath(n sn.Node) *sn.PathLit {
	var found *sn.PathLit
	walk(n, nil, func(n, _ sn.Node) {
		app, ok := n.(*sn.Apply)
		if !ok || found != nil {
			return
		}
		name := ""
		switch f := unparen(app.Fn).(type) {
		case *sn.Ident:
			name = f.Name
		case *sn.Select:
			if len(f.Path) > 0 {
				name = f.Path[len(f.Path)-1].Name
			}
		}
		if name != "readFile" {
			return
		}
		if p, ok := unparen(app.Arg).(*sn.PathLit); ok && len(p.Parts) == 1 && p.Parts[0].Interp == nil {
			found = p
		}
	})
	return found
}

// needsParens reports whether "n ++ [ x ]" would not parse as (n) ++ [ x ].
func needsParens(n sn.Node) bool {
	switch x := n.(type) {
	case *sn.Ident, *sn.Select, *sn.ListLit, *sn.Paren, *sn.Apply, *sn.AttrSet, *sn.StringLit:
		return false
	case *sn.Binary:
		return x.Op != sn.TConcat
	}
	return true
}

// refParts splits how an expression names a key: web1 is ("", "web1"),
// hosts.web1 is ("hosts.", "web1"). ok false for other nodes.
func refParts(s *source, n sn.Node) (prefix, name string, ok bool) {
	switch x := n.(type) {
	case *sn.Ident:
		return "", x.Name, true
	case *sn.Select:
		if x.Default != nil || len(x.Path) == 0 {
			return "", "", false
		}
		last := x.Path[len(x.Path)-1]
		if last.Dyn != nil || last.Src != nil {
			return "", "", false
		}
		a, _ := s.span(x)
		b, _ := s.span(last)
		return s.src[a:b], last.Name, true
	}
	return "", "", false
}

func validName(n string) bool {
	if n == "" || strings.ContainsAny(n[:1], "0123456789-'") {
		return false
	}
	for _, c := range n {
		if !(c == '_' || c == '-' || c == '\'' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	switch n {
	case "if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or", "true", "false", "null":
		return false
	}
	return true
}
