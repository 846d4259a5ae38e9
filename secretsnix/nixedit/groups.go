package nixedit

import (
	"fmt"
	"sort"
	"strings"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

type targetKind int

const (
	tList   targetKind = iota // a list literal: add an element
	tConcat                   // a ++ chain: extend its last list literal, else append ++ [ x ]
	tSite                     // the key set itself (or attrValues of it): the binding is the edit
)

// target is where a --group resolves to.
type target struct {
	kind targetKind
	src  *source
	node sn.Node
	site *site
	def  *sn.AttrDef
	via  []*site // tConcat: the key sets the chain takes whole (see wholeSites)
}

// lookup finds the value of a dotted name among bindings, descending
// into attribute sets and imported files.
func lookup(fs *files, src *source, bs []sn.Node, comps []string, depth int) (*source, *sn.AttrDef, error) {
	if depth > 16 {
		return nil, nil, nil
	}
	for _, b := range bs {
		if inh, ok := b.(*sn.Inherit); ok {
			// inherit (ssh-keys) users; (ColeNeville/nixconfig): users.x
			// is ssh-keys.users.x, from the same bindings.
			from, ok := unparen(inh.From).(*sn.Ident)
			if !ok || from.Name == comps[0] {
				continue
			}
			for _, an := range inh.Names {
				if an.Dyn == nil && an.Name == comps[0] {
					return lookup(fs, src, bs, append([]string{from.Name}, comps...), depth+1)
				}
			}
			continue
		}
		d, ok := b.(*sn.AttrDef)
		if !ok {
			continue
		}
		p, ok := staticPath(d.Path)
		if !ok || len(p) > len(comps) || strings.Join(p, ".") != strings.Join(comps[:len(p)], ".") {
			continue
		}
		rest := comps[len(p):]
		if len(rest) == 0 {
			return src, d, nil
		}
		s, set, err := attrsOf(fs, src, d.Value)
		if err != nil {
			return nil, nil, err
		}
		if set != nil {
			if s2, d2, err := lookup(fs, s, binds(set), rest, depth+1); err != nil || d2 != nil {
				return s2, d2, err
			}
		}
	}
	return nil, nil, nil
}

// attrsOf is the attribute set (or let, for a file that is let ... in
// {...}: its body) an expression is written as, following import.
func attrsOf(fs *files, src *source, n sn.Node) (*source, sn.Node, error) {
	n = unparen(n)
	if p := importTarget(src, n); p != "" {
		s, err := fs.load(p)
		if err != nil {
			return nil, nil, err
		}
		_, body := scopes(s.f.Root)
		if set, ok := unparen(body).(*sn.AttrSet); ok {
			return s, set, nil
		}
		return nil, nil, nil
	}
	if set, ok := n.(*sn.AttrSet); ok {
		return src, set, nil
	}
	return nil, nil, nil
}

// scopeLookup finds a dotted name in scope at the file's value: its
// lets, then the sets of the withs around it, innermost first (with
// import ./keys.nix; let all = attrValues machines; ...: 42LoCo42/aquaris).
func scopeLookup(fs *files, src *source, comps []string) (*source, *sn.AttrDef, error) {
	s, d, err := lookup(fs, src, letBinds(src.f.Root), comps, 0)
	if err != nil || d != nil {
		return s, d, err
	}
	envs := withEnvs(src.f.Root)
	for i := len(envs) - 1; i >= 0; i-- {
		ws, set, err := attrsOf(fs, src, envs[i])
		if err != nil || set == nil {
			continue
		}
		if s, d, err := lookup(fs, ws, binds(set), comps, 1); err != nil || d != nil {
			return s, d, err
		}
	}
	return nil, nil, nil
}

// withEnvs are the expressions of the withs the file's value is wrapped
// in, outermost first.
func withEnvs(root sn.Node) []sn.Node {
	_, withs, _ := wrappers(root)
	return withs
}

// letBinds are the bindings in scope at the rules file's secrets,
// innermost first.
func letBinds(root sn.Node) []sn.Node {
	lets, _ := scopes(root)
	var out []sn.Node
	for i := len(lets) - 1; i >= 0; i-- {
		out = append(out, lets[i].Binds...)
	}
	return out
}

func siteOf(sites []*site, container sn.Node) *site {
	for _, st := range sites {
		if st.container == container {
			return st
		}
	}
	return nil
}

// resolveGroup finds what --group NAME names.
func resolveGroup(fs *files, rules *source, sites []*site, name string) (*target, error) {
	for depth := 0; depth < 8; depth++ {
		src, def, err := scopeLookup(fs, rules, strings.Split(name, "."))
		if err != nil {
			return nil, err
		}
		if def == nil {
			return nil, nil
		}
		v := unparen(def.Value)
		t := &target{src: src, node: v, def: def}
		switch x := v.(type) {
		case *sn.ListLit:
			t.kind = tList
			return t, nil
		case *sn.Binary:
			if x.Op == sn.TConcat {
				t.kind = tConcat
				return t, nil
			}
		case *sn.AttrSet:
			if st := siteOf(sites, x); st != nil {
				t.kind, t.site = tSite, st
				return t, nil
			}
		case *sn.Apply:
			if p := importTarget(src, x); p != "" {
				if s, set, _ := attrsOf(fs, src, x); set != nil {
					if st := siteOf(sites, set); st != nil {
						t.kind, t.site, t.src = tSite, st, s
						return t, nil
					}
				}
				break
			}
			if fnName(x.Fn) == "attrValues" {
				// attrValues (import ./keys.nix): the keys file's set.
				if arg, ok := unparen(x.Arg).(*sn.Apply); ok && importTarget(src, arg) != "" {
					if s, set, _ := attrsOf(fs, src, arg); set != nil {
						if st := siteOf(sites, set); st != nil {
							t.kind, t.site, t.src = tSite, st, s
							return t, nil
						}
					}
				}
				if _, argName, ok := refParts(src, unparen(x.Arg)); ok {
					pre, _, _ := refParts(src, unparen(x.Arg))
					if st := siteByRef(fs, rules, sites, pre+argName); st != nil {
						t.kind, t.site = tSite, st
						return t, nil
					}
				}
			}
		case *sn.Ident, *sn.Select:
			// An alias: servers = hosts; follow it.
			if pre, n, ok := refParts(src, x); ok && src == rules {
				name = pre + n
				continue
			}
		}
		a, _ := src.span(def)
		switch unparen(v).(type) {
		case *sn.StringLit, *sn.Apply:
			if looksKeyNode(src, v) {
				return nil, src.errorf(a, "%s is a key, not a list of keys: give --group a list (a group of hosts) or use --secret", name)
			}
		}
		return nil, src.errorf(a, "group %s is computed (%s); nfrekey edits list literals, ++ chains and attribute sets of keys: add the host to what it is computed from by hand", name, kindName(v))
	}
	return nil, fmt.Errorf("group %s: too many aliases", name)
}

// siteByRef finds the site a dotted name (hosts, keys.hosts) is bound to.
func siteByRef(fs *files, rules *source, sites []*site, name string) *site {
	src, def, err := scopeLookup(fs, rules, strings.Split(name, "."))
	if err != nil || def == nil {
		return nil
	}
	_, set, _ := attrsOf(fs, src, def.Value)
	if set == nil {
		return nil
	}
	return siteOf(sites, set)
}

func fnName(n sn.Node) string {
	switch f := unparen(n).(type) {
	case *sn.Ident:
		return f.Name
	case *sn.Select:
		if len(f.Path) > 0 {
			return f.Path[len(f.Path)-1].Name
		}
	}
	return ""
}

func kindName(n sn.Node) string {
	switch x := n.(type) {
	case *sn.Apply:
		if f := fnName(x.Fn); f != "" {
			return "a call of " + f
		}
		return "a function call"
	case *sn.If:
		return "an if"
	case *sn.Let:
		return "a let"
	case *sn.With:
		return "a with"
	case *sn.Binary:
		return "an operator"
	case *sn.StringLit:
		return "a string"
	case *sn.Ident, *sn.Select:
		return "a reference"
	}
	return fmt.Sprintf("%T", n)
}

// Groups lists the groups of a rules file a host can be added to: the
// let-bound lists, ++ chains, attribute sets of keys and attrValues of
// them, also one attribute set (or imported file) deep, as "keys.hosts".
func Groups(rulesFile string, opts sn.Options) ([]Group, error) {
	fs := newFiles(opts)
	rules, err := fs.load(rulesFile)
	if err != nil {
		return nil, err
	}
	before, err := sn.LoadRules(rulesFile, opts)
	if err != nil {
		return nil, err
	}
	sites, err := findSites(fs, before)
	if err != nil {
		return nil, err
	}
	return listGroups(fs, rules, sites), nil
}

func listGroups(fs *files, rules *source, sites []*site) []Group {
	var out []Group
	seen := map[string]bool{}
	var visit func(src *source, bs []sn.Node, prefix string, depth int)
	visit = func(src *source, bs []sn.Node, prefix string, depth int) {
		for _, b := range bs {
			d, ok := b.(*sn.AttrDef)
			if !ok {
				continue
			}
			p, ok := staticPath(d.Path)
			if !ok {
				continue
			}
			name := prefix + strings.Join(p, ".")
			if seen[name] {
				continue
			}
			t, err := resolveGroup(fs, rules, sites, name)
			if err == nil && t != nil {
				seen[name] = true
				a, _ := src.span(d)
				line, _ := src.lineCol(a)
				out = append(out, Group{Name: name, File: src.name, Line: line, Members: members(t)})
			}
			if depth < 1 {
				if s, set, _ := attrsOf(fs, src, d.Value); set != nil {
					visit(s, binds(set), name+".", depth+1)
				}
			}
		}
	}
	visit(rules, letBinds(rules.f.Root), "", 0)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// members are the names a group lists, as written.
func members(t *target) []string {
	var out []string
	switch t.kind {
	case tSite:
		return append(out, t.site.names...)
	case tList:
		for _, e := range t.node.(*sn.ListLit).Elems {
			out = append(out, t.src.text(e))
		}
	case tConcat:
		walk(t.node, nil, func(n, parent sn.Node) {
			if l, ok := n.(*sn.ListLit); ok {
				for _, e := range l.Elems {
					out = append(out, t.src.text(e))
				}
			} else if _, ok := parent.(*sn.Binary); ok {
				if _, _, ok := refParts(t.src, n); ok {
					out = append(out, t.src.text(n))
				}
			}
		})
	}
	return out
}

func groupNames(gs []Group) string {
	if len(gs) == 0 {
		return "none found"
	}
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = g.Name
	}
	return strings.Join(names, ", ")
}

// looksKeyNode reports whether v is written as a key: a string literal
// holding one, or a readFile of a .pub file.
func looksKeyNode(src *source, v sn.Node) bool {
	if readFilePath(v) != nil {
		return true
	}
	a, e := src.span(unparen(v))
	return looksKey(strings.Trim(string(src.src[a:e]), "\"'"))
}

// wholeSites are the key sets a ++ chain of the rules file takes whole
// (allSystems ++ allUsers, with allSystems = attrValues systems, as in
// AlexWright1324/nixos-configuration): binding the host in one of them
// already adds it to the chain, so the chain itself is not edited.
func wholeSites(fs *files, rules *source, sites []*site, t *target) []*site {
	if t.kind != tConcat || t.src != rules {
		return nil
	}
	var out []*site
	var visit func(n sn.Node)
	visit = func(n sn.Node) {
		n = unparen(n)
		if b, ok := n.(*sn.Binary); ok && b.Op == sn.TConcat {
			visit(b.L)
			visit(b.R)
			return
		}
		pre, name, ok := refParts(rules, n)
		if !ok {
			return
		}
		if g, err := resolveGroup(fs, rules, sites, pre+name); err == nil && g != nil && g.kind == tSite {
			out = append(out, g.site)
		}
	}
	visit(t.node)
	return out
}
