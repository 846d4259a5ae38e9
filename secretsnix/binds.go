package secretsnix

import (
	"fmt"
	"slices"
	"strings"
)

// The bindings of one attribute set or let are merged the way Nix's
// addAttr does, dotted paths into nested sets; duplicates are parse errors.
// A set under construction stays sorted for as long as its bindings come in
// order (the usual case: lookups are then a binary search, or a comparison
// with the last name when a new one is appended). The first binding out of
// order marks it unsorted, with an index by name once it is large; binds
// sorts such sets when it is done.

// smallSet is the size up to which a linear scan beats a map.
const smallSet = 8

func (d *attrsDesc) find(name string) (int, bool) {
	st := d.static
	if !d.unsorted {
		if n := len(st); n == 0 || st[n-1].name < name {
			return 0, false
		}
		return slices.BinarySearchFunc(st, name, func(a staticAttr, name string) int { return strings.Compare(a.name, name) })
	}
	if d.index != nil {
		i, ok := d.index[name]
		return i, ok
	}
	for i := range st {
		if st[i].name == name {
			return i, true
		}
	}
	return 0, false
}

// add appends a static attribute that find did not find.
func (p *parser) add(d *attrsDesc, a staticAttr) {
	n := len(d.static)
	if n == 0 {
		// Most nested sets (x.publicKeys = ...) have a single attribute.
		d.static = p.a.statics.copyOf([]staticAttr{a})
		return
	}
	if !d.unsorted && a.name < d.static[n-1].name {
		d.unsorted = true
		p.dirty = append(p.dirty, d)
	}
	if n == cap(d.static) {
		// Double, where append grows big slices by only a quarter: the
		// set of a big rules file would be copied over and over.
		d.static = slices.Grow(d.static, p.growBy(d, n))
	}
	d.static = append(d.static, a)
	switch {
	case d.index != nil:
		d.index[a.name] = n
	case d.unsorted && len(d.static) > smallSet:
		d.index = make(map[string]int, 2*len(d.static))
		for i, x := range d.static {
			d.index[x.name] = i
		}
	}
}

// growBy is how many more attributes to make room for in d, which has n.
// Small sets double. A big one is a rules file's list of secrets, usually
// running to the end of the file: it is sized, once, from the bytes its
// first n bindings took and the bytes left, rather than doubled a handful
// more times, each time copying (with write barriers) every binding so far.
// The estimate is capped at 8n, so a big set ending well before the end of
// the file wastes no more than doubling could.
func (p *parser) growBy(d *attrsDesc, n int) int {
	if n < 256 || d.start == 0 {
		return n
	}
	start := int(d.start) - 1
	used := p.start(p.i) - start
	if used <= 0 {
		return n
	}
	want := int(int64(n) * int64(len(p.f.Src)-start) / int64(used))
	want += want / 32 // bindings vary in length
	return min(max(want-n, n), 8*n)
}

// finish sorts the attributes of a set that add left unsorted.
func (d *attrsDesc) finish() {
	if d.unsorted {
		slices.SortFunc(d.static, func(x, y staticAttr) int { return strings.Compare(x.name, y.name) })
	}
	d.unsorted, d.index = false, nil
}

// binds parses bindings up to the end token. open is the token before
// them ('{' or let), whose end is where Nix places inherited variables.
func (p *parser) binds(end TokKind, open int, _ bool) ([]Node, *attrsDesc) {
	b := p.a.descs.new()
	b.start = int32(p.end(open)) + 1
	nodesBase, dirtyBase := len(p.nodeStack), len(p.dirty)
	bindsPos := p.f.base + p.end(open)
	for p.err == nil && p.tok().Kind != end {
		first := p.i
		switch p.tok().Kind {
		case TInherit:
			p.next()
			inh := &Inherit{}
			if p.tok().Kind == TLParen {
				p.next()
				inh.From = p.expr()
				p.expect(TRParen)
			}
			namesTok := p.i
			for p.err == nil {
				k := p.tok().Kind
				if k != TID && k != TOr && k != TStrOpen && k != TDollarCurly {
					break
				}
				a := p.attrName()
				if p.err != nil {
					break
				}
				if a.Dyn != nil {
					p.failAt(p.start(int(a.First)), "dynamic attributes not allowed in inherit")
					break
				}
				inh.Names = append(inh.Names, a)
			}
			p.expect(TSemi)
			if p.err != nil {
				break
			}
			inh.NodeBase = p.nb(first)
			p.nodeStack = append(p.nodeStack, inh)
			// Nix places the names at the end of the token before them.
			namesPos := p.f.base + p.end(namesTok-1)
			for _, a := range inh.Names {
				if j, dup := b.find(a.Name); dup {
					p.dupAttr(a.Name, namesPos, b.static[j].pos)
					break
				}
				if inh.From == nil {
					id := &Ident{NodeBase: NodeBase{First: a.First, Last: a.Last, Pos: bindsPos}, Name: a.Name}
					p.add(b, staticAttr{name: a.Name, pos: namesPos, value: id, inherited: true})
				} else {
					sel := &Select{NodeBase: NodeBase{First: a.First, Last: a.Last, Pos: bindsPos}, Expr: inh.From, Path: []*AttrName{a}, inherited: true}
					p.add(b, staticAttr{name: a.Name, pos: namesPos, value: sel})
				}
			}
		case TID, TOr, TStrOpen, TDollarCurly:
			path := p.attrPath()
			p.expect(TAssign)
			v := p.expr()
			p.expect(TSemi)
			if p.err != nil {
				break
			}
			def := p.a.defs.new()
			def.NodeBase, def.Path, def.Value = p.nb(first), path, v
			p.nodeStack = append(p.nodeStack, def)
			p.addAttr(b, path, v, p.pos(first))
		default:
			p.unexpected("")
		}
	}
	for _, d := range p.dirty[dirtyBase:] {
		d.finish()
	}
	p.dirty = p.dirty[:dirtyBase]
	return p.popNodes(nodesBase), b
}

func (p *parser) dupAttr(name string, pos, prev int) {
	l, c := p.f.lineCol(prev - p.f.base)
	p.failAt(pos-p.f.base, fmt.Sprintf("attribute '%s' already defined at %s:%d:%d", name, p.f.Name, l, c))
}

func pathString(path []*AttrName) string {
	parts := make([]string, len(path))
	for i, a := range path {
		if a.Dyn != nil {
			parts[i] = "\"${...}\""
		} else {
			parts[i] = a.Name
		}
	}
	return strings.Join(parts, ".")
}

// asNested returns the attribute set literal or dotted-path set at static
// attribute j of d, converting a literal into a mergeable nested set, or
// nil when the value is something else.
func (p *parser) asNested(d *attrsDesc, j int) *attrsDesc {
	switch v := d.static[j].value.(type) {
	case *nested:
		return v.desc
	case *AttrSet:
		if v.Legacy {
			return nil
		}
		nd := p.a.descs.new()
		*nd = attrsDesc{rec: v.desc.rec, static: append([]staticAttr(nil), v.desc.static...), dyn: v.desc.dyn}
		d.static[j].value = p.newNested(v.NodeBase, nd)
		return nd
	}
	return nil
}

func (p *parser) newNested(nb NodeBase, d *attrsDesc) *nested {
	n := p.a.nesteds.new()
	n.NodeBase, n.desc = nb, d
	return n
}

func (p *parser) addAttr(b *attrsDesc, path []*AttrName, v Node, pos int) {
	for _, a := range path[:len(path)-1] {
		if a.Dyn != nil {
			d := p.a.descs.new()
			d.pos = a.Pos
			b.dyn = append(b.dyn, dynAttr{name: a.Dyn, value: p.newNested(a.NodeBase, d), pos: pos})
			b = d
			continue
		}
		if j, ok := b.find(a.Name); ok {
			if b.static[j].inherited {
				p.dupAttr(pathString(path), pos, b.static[j].pos)
				return
			}
			nb := p.asNested(b, j)
			if nb == nil {
				p.dupAttr(pathString(path), pos, b.static[j].pos)
				return
			}
			b = nb
			continue
		}
		d := p.a.descs.new()
		d.pos = a.Pos
		p.add(b, staticAttr{name: a.Name, pos: pos, value: p.newNested(a.NodeBase, d)})
		b = d
	}
	last := path[len(path)-1]
	if last.Dyn != nil {
		b.dyn = append(b.dyn, dynAttr{name: last.Dyn, value: v, pos: pos})
		return
	}
	if j, ok := b.find(last.Name); ok {
		ae, isSet := unparen(v).(*AttrSet)
		var jb *attrsDesc
		if isSet && !ae.Legacy && !b.static[j].inherited {
			jb = p.asNested(b, j)
		}
		if jb == nil {
			p.dupAttr(pathString(path), pos, b.static[j].pos)
			return
		}
		for _, ad := range ae.desc.static {
			if j2, dup := jb.find(ad.name); dup {
				p.dupAttr(ad.name, jb.static[j2].pos, ad.pos)
				return
			}
			p.add(jb, ad)
		}
		return
	}
	if l, ok := unparen(v).(*Lambda); ok {
		l.name = last.Name
	}
	p.add(b, staticAttr{name: last.Name, pos: pos, value: v})
}

func unparen(e Node) Node {
	for {
		par, ok := e.(*Paren)
		if !ok {
			return e
		}
		e = par.Expr
	}
}
