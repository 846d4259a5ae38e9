package nixedit

import (
	"path/filepath"
	"sort"
	"strings"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// site is a place where key literals are bound: the bindings of one let
// or attribute set (with one written prefix, for dotted let attributes:
// keys.web1 = ...; keys.web2 = ...;).
type site struct {
	src       *source
	container sn.Node // *sn.Let or *sn.AttrSet
	prefix    string  // the written path before the name: "keys." or ""
	defs      []*sn.AttrDef
	names     []string
	texts     []string // the evaluated key of each def
	ref       string   // how the rules file names a member: ref+NAME+suffix
	refKnown  bool
	// field is set for a set of records (web1 = { pubkey = "..."; };):
	// defs are then the records, and a key is ref+NAME+"."+field.
	field string
	// wrap: the rules file is a bare attribute set with every key a
	// literal; the first binding wraps it in a let of its own.
	wrap bool
}

// freshLetSite is the rules file's outermost let as a site with no key
// bound yet, for a file whose keys are all literals in lists (kitten/system:
// let keys = [ "ssh-ed25519 ..." ]; in ...): the new host is bound there,
// after its last binding, and referred to by its bare name; a file that
// is a bare attribute set gets a let around it. nil for other shapes.
func freshLetSite(rules *source) *site {
	lets, body := scopes(rules.f.Root)
	if len(lets) == 0 {
		// { "a.age".publicKeys = [ "ssh-ed25519 ..." ]; } (AminoNordics/
		// amino_nixos): the file becomes let NAME = "..."; in { ... }.
		if set, ok := body.(*sn.AttrSet); ok && body == rules.f.Root && !set.Rec {
			return &site{src: rules, container: set, ref: "", refKnown: true, wrap: true}
		}
		return nil
	}
	if len(lets[0].Binds) == 0 {
		return nil
	}
	if _, ok := lets[0].Binds[0].(*sn.AttrDef); !ok {
		return nil
	}
	return &site{src: rules, container: lets[0], ref: "", refKnown: true}
}

// refTo is how the rules file names member name.
func (st *site) refTo(name string) string {
	if st.field != "" {
		return st.ref + name + "." + st.field
	}
	return st.ref + name
}

func (st *site) index(name string) int {
	for i, n := range st.names {
		if n == name {
			return i
		}
	}
	return -1
}

// looksKey is true for the texts add-host deals in.
func looksKey(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "ssh-") || strings.HasPrefix(s, "age1") || strings.HasPrefix(s, "sk-ssh-") || strings.HasPrefix(s, "ecdsa-")
}

// canon is a key without its comment or surrounding space: the form keys
// are compared in ("ssh-ed25519 AAAA... root@web1\n" and "ssh-ed25519
// AAAA..." are one recipient).
func canon(s string) string {
	s = strings.TrimSpace(s)
	sp := strings.IndexAny(s, " \t\r\n")
	if sp < 0 || strings.HasPrefix(s, "age1") {
		if sp >= 0 {
			return s[:sp]
		}
		return s
	}
	rest := strings.TrimLeft(s[sp:], " \t\r\n")
	if e := strings.IndexAny(rest, " \t\r\n"); e >= 0 {
		rest = rest[:e]
	}
	if s[sp] == ' ' && len(s) > sp+1 && s[sp+1:sp+1+len(rest)] == rest {
		return s[:sp+1+len(rest)] // already one space: no copy
	}
	return s[:sp] + " " + rest
}

// findSites groups the key bindings LoadRules found by where they are
// written.
func findSites(fs *files, before *sn.Rules) ([]*site, error) {
	var sites []*site
	byKey := map[[2]any]*site{}
	for _, b := range before.Bindings {
		if !looksKey(b.Text) {
			continue
		}
		src, err := fs.load(b.File)
		if err != nil {
			return nil, err
		}
		dc, ok := src.defsByValue()[b.Value]
		if !ok || dc.container == nil {
			continue
		}
		def, container := dc.def, dc.container
		path, ok := staticPath(def.Path)
		if !ok {
			continue
		}
		prefix := ""
		if len(path) > 1 {
			a, _ := src.span(def)
			l, _ := src.span(def.Path[len(def.Path)-1])
			prefix = src.src[a:l]
		}
		k := [2]any{container, prefix}
		st := byKey[k]
		if st == nil {
			st = &site{src: src, container: container, prefix: prefix}
			byKey[k] = st
			sites = append(sites, st)
		}
		if st.index(path[len(path)-1]) >= 0 {
			continue
		}
		st.defs = append(st.defs, def)
		st.names = append(st.names, path[len(path)-1])
		st.texts = append(st.texts, b.Text)
	}
	for _, st := range sites {
		sort.SliceStable(st.defs, func(i, j int) bool {
			a, _ := st.src.span(st.defs[i])
			b, _ := st.src.span(st.defs[j])
			return a < b
		})
		// names and texts follow defs.
		names, texts := make([]string, len(st.defs)), make([]string, len(st.defs))
		for i, d := range st.defs {
			p, _ := staticPath(d.Path)
			names[i] = p[len(p)-1]
			for j, n := range st.names {
				if n == names[i] {
					texts[i] = st.texts[j]
				}
			}
		}
		st.names, st.texts = names, texts
	}
	return mergeRecords(sites), nil
}

// mergeRecords turns sites that are each one field of a record in one
// set (hosts = { web1 = { pubkey = ...; addr = ...; }; web2 = { pubkey
// = ...; }; }) into one site of records.
func mergeRecords(sites []*site) []*site {
	type key struct {
		parent sn.Node
		field  string
	}
	recs := map[key]*site{}
	var out []*site
	for _, st := range sites {
		set, ok := st.container.(*sn.AttrSet)
		if !ok || len(st.defs) != 1 || st.prefix != "" {
			out = append(out, st)
			continue
		}
		a, e := st.src.span(set)
		outer, ok := st.src.defsByValue()[sn.Span{Start: a, End: e}]
		var p []string
		if ok {
			p, ok = staticPath(outer.def.Path)
		}
		if !ok || len(p) != 1 {
			out = append(out, st)
			continue
		}
		k := key{outer.container, st.names[0]}
		r := recs[k]
		if r == nil {
			r = &site{src: st.src, container: outer.container, field: st.names[0]}
			recs[k] = r
			out = append(out, r)
		}
		r.defs = append(r.defs, outer.def)
		r.names = append(r.names, p[0])
		r.texts = append(r.texts, st.texts[0])
	}
	// A lone record is just an attribute set with one key.
	for i, st := range out {
		if st.field != "" && len(st.defs) == 1 {
			for _, orig := range sites {
				if orig.src == st.src && orig.texts[0] == st.texts[0] && len(orig.defs) == 1 {
					out[i] = orig
				}
			}
		}
	}
	return out
}

// loneRecord is the site of NAME when NAME is bound to a lone record
// (web1 = { pubkey = "..."; address = "..."; }; with no other record of
// that shape beside it), which findSites keeps as the attribute set it is
// (a new host cannot be placed "beside" one record). add-host of NAME
// itself uses it: with --replace the key field's string literal is
// swapped, verified like any edit.
func loneRecord(sites []*site, name string) (int, *site) {
	for i, st := range sites {
		set, ok := st.container.(*sn.AttrSet)
		if !ok || st.field != "" || st.prefix != "" || len(st.defs) != 1 {
			continue
		}
		a, e := st.src.span(set)
		outer, ok := st.src.defsByValue()[sn.Span{Start: a, End: e}]
		if !ok || outer.container == nil {
			continue
		}
		if p, ok := staticPath(outer.def.Path); !ok || len(p) != 1 || p[0] != name {
			continue
		}
		return i, &site{src: st.src, container: outer.container, field: st.names[0],
			defs: []*sn.AttrDef{outer.def}, names: []string{name}, texts: []string{st.texts[0]}}
	}
	return -1, nil
}

// learnRefs finds how the rules file (and the files it imports) refer to
// each site's members, from the references already written: web1,
// hosts.web1, keys.hosts.web1. The most frequent form wins.
func learnRefs(fs *files, sites []*site) {
	counts := make([]map[string]int, len(sites))
	for i := range counts {
		counts[i] = map[string]int{}
	}
	for _, src := range fs.order {
		walk(src.f.Root, nil, func(n, parent sn.Node) {
			if _, isSel := parent.(*sn.Select); isSel {
				return // the inner part of a.b.c
			}
			prefix, name, ok := refParts(src, n)
			if !ok {
				return
			}
			recPrefix, recName := "", ""
			if sel, isSel := n.(*sn.Select); isSel && len(sel.Path) >= 2 {
				// hosts.web1.pubkey: the record is the next to last name.
				r := sel.Path[len(sel.Path)-2]
				if r.Dyn == nil && r.Src == nil {
					a, _ := src.span(sel)
					b, _ := src.span(r)
					recPrefix, recName = src.src[a:b], r.Name
				}
			}
			for i, st := range sites {
				if st.field != "" {
					if name == st.field && recName != "" && st.index(recName) >= 0 {
						counts[i][recPrefix]++
					}
					continue
				}
				if st.index(name) < 0 {
					continue
				}
				if prefix == "" && !(st.src == src && isLet(st.container) && st.prefix == "") {
					// A bare name reaches a site only from its own let, or
					// through with (verification rejects a wrong guess).
					if !hasWith(src) {
						continue
					}
				}
				counts[i][prefix]++
			}
		})
	}
	for i, st := range sites {
		best, bestN := "", 0
		for p, n := range counts[i] {
			if n > bestN || n == bestN && p < best {
				best, bestN = p, n
			}
		}
		if bestN > 0 {
			st.ref, st.refKnown = best, true
			continue
		}
		// Nothing refers to the site by name yet (attrValues hosts): its
		// own let's names, or the let binding the set (or importing the
		// file that is the set) in the rules file.
		if isLet(st.container) {
			st.ref, st.refKnown = st.prefix, true
			continue
		}
		if name := bindingOf(fs, st); name != "" && st.field == "" {
			st.ref, st.refKnown = name+".", true
		}
	}
}

// bindingOf is the let binding of the rules file whose value is the
// site's attribute set, written there or imported.
func bindingOf(fs *files, st *site) string {
	rules := fs.order[0]
	for _, b := range letBinds(rules.f.Root) {
		d, ok := b.(*sn.AttrDef)
		if !ok {
			continue
		}
		p, ok := staticPath(d.Path)
		if !ok {
			continue
		}
		if _, set, _ := attrsOf(fs, rules, d.Value); set != nil && set == st.container {
			return strings.Join(p, ".")
		}
	}
	return ""
}

func isLet(n sn.Node) bool { _, ok := n.(*sn.Let); return ok }

func hasWith(src *source) bool {
	if src.with == 0 {
		src.with = 1
		walk(src.f.Root, nil, func(n, _ sn.Node) {
			if _, ok := n.(*sn.With); ok {
				src.with = 2
			}
		})
	}
	return src.with == 2
}

type defAt struct {
	def       *sn.AttrDef
	container sn.Node
}

// defsByValue indexes the file's attribute definitions by the span of
// their value, which is how LoadRules' bindings say where they are.
func (s *source) defsByValue() map[sn.Span]defAt {
	if s.defs == nil {
		s.defs = map[sn.Span]defAt{}
		walk(s.f.Root, nil, func(n, parent sn.Node) {
			if d, ok := n.(*sn.AttrDef); ok {
				a, e := s.span(d.Value)
				if _, dup := s.defs[sn.Span{Start: a, End: e}]; !dup {
					s.defs[sn.Span{Start: a, End: e}] = defAt{d, parent}
				}
			}
		})
	}
	return s.defs
}

// hostKeyDir is where the repo keeps one NAME.pub per host, "" if it
// does not: host-keys/ beside the rules file, or secrets/host-keys/.
func hostKeyDir(rulesFile string) string {
	dir := filepath.Dir(rulesFile)
	for _, d := range []string{filepath.Join(dir, "host-keys"), filepath.Join(dir, "secrets", "host-keys")} {
		m, _ := filepath.Glob(filepath.Join(d, "*.pub"))
		if len(m) > 0 {
			return d
		}
	}
	return ""
}

// inFunction reports whether n lies inside a function in src: keys in a
// NixOS module or a helper's body are not bindings nfrekey may edit.
func inFunction(src *source, n sn.Node) bool {
	found := false
	var visit func(x sn.Node, depth int)
	visit = func(x sn.Node, depth int) {
		if found || x == nil {
			return
		}
		if x == n {
			found = depth > 0
			return
		}
		if _, ok := x.(*sn.Lambda); ok {
			depth++
		}
		for _, c := range sn.Children(x) {
			visit(c, depth)
		}
	}
	visit(src.f.Root, 0)
	return found
}
