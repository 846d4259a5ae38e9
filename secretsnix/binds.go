package secretsnix

import (
	"fmt"
	"slices"
	"strings"
)

// descBuilder accumulates the bindings of one attribute set or let, merging
// dotted paths the way Nix's addAttr does; duplicates are parse errors.
type descBuilder struct {
	d     *attrsDesc
	index map[string]int
}

func newDescBuilder() *descBuilder { return &descBuilder{d: &attrsDesc{}} }

// smallSet is the size up to which a linear scan beats a map.
const smallSet = 8

func (b *descBuilder) find(name string) (int, bool) {
	if b.index == nil {
		for i, a := range b.d.static {
			if a.name == name {
				return i, true
			}
		}
		return 0, false
	}
	i, ok := b.index[name]
	return i, ok
}

func (b *descBuilder) add(a staticAttr) {
	b.d.static = append(b.d.static, a)
	if b.index == nil && len(b.d.static) > smallSet {
		b.index = make(map[string]int, 2*len(b.d.static))
		for i, x := range b.d.static {
			b.index[x.name] = i
		}
	} else if b.index != nil {
		b.index[a.name] = len(b.d.static) - 1
	}
}

func (b *descBuilder) finish() *attrsDesc {
	if len(b.d.static) > 1 {
		slices.SortFunc(b.d.static, func(x, y staticAttr) int { return strings.Compare(x.name, y.name) })
	}
	return b.d
}

// binds parses bindings up to the end token. open is the token before
// them ('{' or let), whose end is where Nix places inherited variables.
func (p *parser) binds(end TokKind, open int, _ bool) ([]Node, *attrsDesc) {
	b := newDescBuilder()
	var nodes []Node
	bindsPos := p.f.base + p.toks[open].End
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
					p.failAt(p.toks[a.First].Start, "dynamic attributes not allowed in inherit")
					break
				}
				inh.Names = append(inh.Names, a)
			}
			p.expect(TSemi)
			if p.err != nil {
				break
			}
			inh.NodeBase = p.nb(first)
			nodes = append(nodes, inh)
			// Nix places the names at the end of the token before them.
			namesPos := p.f.base + p.toks[namesTok-1].End
			for _, a := range inh.Names {
				if j, dup := b.find(a.Name); dup {
					p.dupAttr(a.Name, namesPos, b.d.static[j].pos)
					break
				}
				if inh.From == nil {
					id := &Ident{NodeBase: NodeBase{First: a.First, Last: a.Last, Pos: bindsPos}, Name: a.Name}
					b.add(staticAttr{name: a.Name, pos: namesPos, value: id, inherited: true})
				} else {
					sel := &Select{NodeBase: NodeBase{First: a.First, Last: a.Last, Pos: bindsPos}, Expr: inh.From, Path: []*AttrName{a}}
					b.add(staticAttr{name: a.Name, pos: namesPos, value: sel})
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
			def := &AttrDef{NodeBase: p.nb(first), Path: path, Value: v}
			nodes = append(nodes, def)
			p.addAttr(b, path, v, p.pos(first))
		default:
			p.unexpected("")
		}
	}
	return nodes, b.finish()
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

// asNested returns the builder of the attribute set literal or dotted-path
// set at static attribute j, converting a literal into a mergeable nested
// set, or nil when the value is something else.
func asNested(b *descBuilder, j int) *descBuilder {
	switch v := b.d.static[j].value.(type) {
	case *nested:
		nb := &descBuilder{d: v.desc}
		nb.reindex()
		return nb
	case *AttrSet:
		if v.Legacy {
			return nil
		}
		d := &attrsDesc{rec: v.desc.rec, static: append([]staticAttr(nil), v.desc.static...), dyn: v.desc.dyn}
		b.d.static[j].value = &nested{NodeBase: v.NodeBase, desc: d}
		return asNested(b, j)
	}
	return nil
}

func (p *parser) addAttr(b *descBuilder, path []*AttrName, v Node, pos int) {
	for _, a := range path[:len(path)-1] {
		if a.Dyn != nil {
			d := &attrsDesc{pos: a.Pos}
			b.d.dyn = append(b.d.dyn, dynAttr{name: a.Dyn, value: &nested{NodeBase: a.NodeBase, desc: d}, pos: pos})
			b = &descBuilder{d: d}
			continue
		}
		if j, ok := b.find(a.Name); ok {
			if b.d.static[j].inherited {
				p.dupAttr(pathString(path), pos, b.d.static[j].pos)
				return
			}
			nb := asNested(b, j)
			if nb == nil {
				p.dupAttr(pathString(path), pos, b.d.static[j].pos)
				return
			}
			b = nb
			continue
		}
		d := &attrsDesc{pos: a.Pos}
		b.add(staticAttr{name: a.Name, pos: pos, value: &nested{NodeBase: a.NodeBase, desc: d}})
		b = &descBuilder{d: d}
	}
	last := path[len(path)-1]
	if last.Dyn != nil {
		b.d.dyn = append(b.d.dyn, dynAttr{name: last.Dyn, value: v, pos: pos})
		return
	}
	if j, ok := b.find(last.Name); ok {
		ae, isSet := unparen(v).(*AttrSet)
		var jb *descBuilder
		if isSet && !ae.Legacy && !b.d.static[j].inherited {
			jb = asNested(b, j)
		}
		if jb == nil {
			p.dupAttr(pathString(path), pos, b.d.static[j].pos)
			return
		}
		for _, ad := range ae.desc.static {
			if j2, dup := jb.find(ad.name); dup {
				p.dupAttr(ad.name, jb.d.static[j2].pos, ad.pos)
				return
			}
			jb.add(ad)
		}
		jb.finishInPlace()
		return
	}
	if l, ok := unparen(v).(*Lambda); ok {
		l.name = last.Name
	}
	b.add(staticAttr{name: last.Name, pos: pos, value: v})
	if len(path) > 1 {
		b.finishInPlace()
	}
}

// finishInPlace keeps a nested set's attributes sorted after a merge.
func (b *descBuilder) finishInPlace() {
	b.finish()
	b.reindex()
}

func (b *descBuilder) reindex() {
	b.index = nil
	if len(b.d.static) > smallSet {
		b.index = make(map[string]int, 2*len(b.d.static))
		for i, a := range b.d.static {
			b.index[a.name] = i
		}
	}
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
