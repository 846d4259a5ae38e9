package nixedit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// Remove deletes req.Name's binding, every reference to it and its .pub
// file, and returns the verified edit.
func Remove(req RemoveRequest) (*Result, error) {
	fs := newFiles(req.Options)
	if _, err := fs.load(req.RulesFile); err != nil {
		return nil, err
	}
	before, err := sn.LoadRules(req.RulesFile, req.Options)
	if err != nil {
		return nil, err
	}
	sites, err := findSites(fs, before)
	if err != nil {
		return nil, err
	}
	learnRefs(fs, sites)
	var st *site
	idx := -1
	var bound []string
	for _, s := range sites {
		if i := s.index(req.Name); i >= 0 {
			if st != nil {
				a, _ := s.src.span(s.defs[i])
				return nil, s.src.errorf(a, "%s is bound to a key in more than one place; remove it by hand", req.Name)
			}
			st, idx = s, i
		}
		bound = append(bound, s.names...)
	}
	if st == nil {
		if res, err := removeNamed(req, fs, before); res != nil || err != nil {
			return res, err
		}
		if old, ok := generatedKey(before, req.Name); ok {
			return removeGenerated(req, fs, before, old)
		}
		return nil, fmt.Errorf("%s: no key is bound as %s; bound: %s", req.RulesFile, req.Name, strings.Join(bound, ", "))
	}
	old := canon(st.texts[idx])
	// The same key bound under another name (opdavies/nix-config binds one
	// key as hosts.nixedo and hosts.t480) keeps it in the secrets that name
	// uses: say so, rather than blame a use nfrekey did not find.
	var twins []string
	for _, s := range sites {
		for i, n := range s.names {
			if (s != st || i != idx) && canon(s.texts[i]) == old {
				twins = append(twins, n)
			}
		}
	}
	res := &Result{Before: before, OldKey: old}
	def := st.defs[idx]
	if !unwrapLet(st, def) {
		removeNode(st.src, def, def == binds(st.container)[0])
	}
	if p := readFilePath(def.Value); p != nil {
		f := p.Parts[0].Lit
		if !filepath.IsAbs(f) {
			f = filepath.Join(filepath.Dir(st.src.path), f)
		}
		planRemove(fs, f)
	}
	if d := hostKeyDir(req.RulesFile); d != "" {
		planRemove(fs, filepath.Join(d, req.Name+".pub"))
	}
	if err := removeRefs(fs, st, req.Name); err != nil {
		return nil, err
	}
	return finish(req.RulesFile, req.Options, fs, res, removedOnly(req.Name, old, twins))
}

// removedOnly is Remove's verification: the edit takes old from the
// secrets that had it, and nothing else.
func removedOnly(hostName, old string, twins []string) func(b, a map[string]keyset) error {
	req := struct{ Name string }{hostName}
	return func(b, a map[string]keyset) error {
		for _, name := range sortedKeys(b) {
			bk := b[name]
			added, removed := diff(bk, a[name])
			if len(added) > 0 {
				return fmt.Errorf("the edit adds %s to %s", added[0], name)
			}
			if len(removed) > 0 && (len(removed) != 1 || removed[0] != old) {
				return fmt.Errorf("the edit removes %s from %s", strings.Join(removed, ", "), name)
			}
			if a[name].n(old) > 0 && len(twins) > 0 {
				return fmt.Errorf("%s still has the key of %s: the same key is also bound as %s (a duplicate audit reports): give one of them its own key first, or edit by hand", name, req.Name, strings.Join(twins, ", "))
			}
			if a[name].n(old) > 0 {
				return fmt.Errorf("%s still has the key of %s (through a use nfrekey did not find)", name, req.Name)
			}
		}
		return nil
	}
}

func planRemove(fs *files, p string) {
	p = filepath.Clean(p)
	if data, ok, err := fs.read(p); err == nil && ok {
		fs.remove[p] = data
	}
}

// removeRefs deletes every use of NAME: list elements (and a `++ [ NAME ]`
// nfrekey appended), inherit names. Any other use is refused.
func removeRefs(fs *files, st *site, name string) error {
	ref := st.refTo(name)
	def := st.defs[st.index(name)]
	// The files the bindings are in are matched by the written form too;
	// the ones only imported (a groups file) by resolution alone, so that
	// an unrelated list of theirs that happens to read alike stays.
	known := map[*source]bool{}
	for _, src := range fs.order {
		known[src] = true
	}
	loadImports(fs)
	return removeUses(fs, name, func(src *source, n sn.Node) bool {
		local := src == st.src && isLet(st.container) && src.text(n) == st.prefix+name
		return known[src] && (src.text(n) == ref || local) || namesDef(fs, src, n, def, st.field)
	})
}

// removeUses deletes the uses of name that match says are its: list
// elements (and a `++ [ NAME ]` nfrekey appended), inherit names. Any
// other use is refused.
func removeUses(fs *files, name string, match func(src *source, n sn.Node) bool) error {
	for _, src := range fs.order {
		parents := map[sn.Node]sn.Node{}
		var refs []sn.Node
		var failure error
		walk(src.f.Root, nil, func(n, parent sn.Node) {
			parents[n] = parent
			if _, isSel := parent.(*sn.Select); isSel {
				return
			}
			if inh, ok := n.(*sn.Inherit); ok {
				for i, an := range inh.Names {
					if an.Name != name || an.Dyn != nil {
						continue
					}
					if len(inh.Names) == 1 {
						refs = append(refs, inh)
					} else {
						removeNode(src, an, i == 0)
					}
				}
				return
			}
			if refLike(n) && match(src, n) {
				if _, isDef := parent.(*sn.AttrDef); isDef && parent.(*sn.AttrDef).Value != n {
					return
				}
				refs = append(refs, n)
			}
		})
		for _, r := range refs {
			switch p := parents[r].(type) {
			case *sn.ListLit:
				gp, _ := parents[p].(*sn.Binary)
				if len(p.Elems) == 1 && gp != nil && gp.Op == sn.TConcat && gp.R == p {
					// L ++ [ NAME ]: drop "++ [ NAME ]".
					_, le := src.span(gp.L)
					_, pe := src.span(p)
					src.edit(le, pe, "")
					continue
				}
				first := p.Elems[0] == r
				removeNode(src, r, first)
			case *sn.Let, *sn.AttrSet:
				removeNode(src, r, binds(p)[0] == r)
			default:
				if failure == nil {
					a, _ := src.span(r)
					failure = src.errorf(a, "%s is used here in a way nfrekey cannot remove; remove this use by hand, then run remove-host again", name)
				}
			}
		}
		if failure != nil {
			return failure
		}
	}
	return nil
}

// unwrapLet removes the whole `let NAME = ...; in` when def is the only
// binding of the let the rules file starts with and nothing else (no
// comment) is written in it: what add-host's wrap of a bare attribute
// set added goes as a whole, restoring the file as it was.
func unwrapLet(st *site, def *sn.AttrDef) bool {
	let, ok := st.container.(*sn.Let)
	if !ok || len(let.Binds) != 1 || let.Binds[0] != sn.Node(def) || st.src.f.Root != sn.Node(let) {
		return false
	}
	a := nodeStart(st.src, let)
	b := nodeStart(st.src, let.Body)
	da, de := st.src.span(def)
	rest := st.src.src[a:da] + st.src.src[de:b]
	if strings.Join(strings.Fields(rest), " ") != "let in" {
		return false
	}
	st.src.edit(a, b, "")
	return true
}

// namesDef is true when n (web1, keys.web1, k.hosts.web1.pubkey) names
// def through the let bindings of its file, following imports: a keys
// file shared by a rules file (k.web2) and a groups file it imports
// (keys.web2) is named in two ways, and each file's own way must go.
// field is the site's record field (pubkey), named after the record.
func namesDef(fs *files, src *source, n sn.Node, def *sn.AttrDef, field string) bool {
	var comps []string
	switch x := n.(type) {
	case *sn.Ident:
		comps = []string{x.Name}
	case *sn.Select:
		base, ok := unparen(x.Expr).(*sn.Ident)
		if !ok || x.Default != nil {
			return false
		}
		p, ok := staticPath(x.Path)
		if !ok {
			return false
		}
		comps = append([]string{base.Name}, p...)
	default:
		return false
	}
	if field != "" {
		if len(comps) < 2 || comps[len(comps)-1] != field {
			return false
		}
		comps = comps[:len(comps)-1]
	}
	_, d, err := scopeLookup(fs, src, comps)
	return err == nil && d == def
}

// loadImports loads every .nix file the loaded ones import by a literal
// path, transitively: a groups file the rules import may name the host
// too (mygroups = [ keys.web2 ]), and its use must go with the binding.
// A file that cannot be loaded is left out: the verification's
// evaluation then fails on any use left in it.
func loadImports(fs *files) {
	for i := 0; i < len(fs.order) && len(fs.order) < maxImports; i++ {
		src := fs.order[i]
		walk(src.f.Root, nil, func(n, _ sn.Node) {
			p := importTarget(src, n)
			if p == "" || !inRoot(fs.opts.Root, p) {
				return
			}
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				p = filepath.Join(p, "default.nix")
			}
			_, _ = fs.load(p)
		})
	}
}

// maxImports bounds loadImports on a repo of many files.
const maxImports = 256

func inRoot(root, p string) bool {
	if root == "" {
		return true
	}
	r, err := filepath.Abs(root)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(r, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// refLike is a name or a selection without default: web1, keys.web1,
// users."cole@garuda" (a quoted last name, which refParts leaves out
// since add-host never writes one).
func refLike(n sn.Node) bool {
	switch x := n.(type) {
	case *sn.Ident:
		return true
	case *sn.Select:
		return x.Default == nil && len(x.Path) > 0 && x.Path[len(x.Path)-1].Dyn == nil
	}
	return false
}
