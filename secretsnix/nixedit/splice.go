package nixedit

import (
	"fmt"
	"path/filepath"
	"strings"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// The splices are made so that remove-host undoes add-host byte for byte:
// an element or binding added on a line of its own is inserted as
// NEWLINE INDENT TEXT at the end of the previous one's line (after any
// comment there), and removing an element or binding that stands on its
// own line deletes from the last newline before it to its end.

// modelBinding is the binding whose style a new one copies: the last one
// reading a .pub file of keyDir, the host-keys directory whose NAME.pub
// add-host writes anyway (so the key has one source of truth), else the
// site's last binding.
func modelBinding(st *site, keyDir string) int {
	if keyDir != "" {
		for i := len(st.defs) - 1; i >= 0; i-- {
			if st.field != "" {
				break
			}
			p := readFilePath(st.defs[i].Value)
			if p == nil || len(p.Parts) == 0 {
				continue
			}
			f := p.Parts[0].Lit
			if !filepath.IsAbs(f) {
				f = filepath.Join(filepath.Dir(st.src.path), f)
			}
			if filepath.Clean(filepath.Dir(f)) == filepath.Clean(keyDir) {
				return i
			}
		}
	}
	return len(st.defs) - 1
}

// bindingText is the new binding in the style of the site's model one (modelBinding):
// its indentation, dotted prefix, spacing around '=', string quoting, or
// its readFile of a .pub file (then pub is the file to create), or a string
// literal where that .pub layout cannot be followed (see mirrorPub).
func bindingText(st *site, name, key, keyDir string, dirExists func(string) bool) (text string, pub string, err error) {
	src := st.src
	if len(st.defs) == 0 {
		return name + " = \"" + key + "\";", "", nil // a fresh let: no binding to copy the style of
	}
	model := modelBinding(st, keyDir)
	last := st.defs[model]
	lastName := st.names[model]
	a, _ := src.span(last)
	_, nameEnd := src.span(last.Path[len(last.Path)-1])
	va, ve := src.span(last.Value)
	_, de := src.span(last)
	assign := src.src[nameEnd:va] // " = "
	tail := src.src[ve:de]        // ";" (and any trivia before it)
	var value string
	if st.field != "" {
		// A record of the key alone: its other fields (an address, a
		// system) are not nfrekey's to guess.
		inner := recordField(last, st.field)
		if inner == nil {
			return "", "", src.errorf(a, "cannot find the %s of record %s", st.field, lastName)
		}
		lit, ok := unparen(inner.Value).(*sn.StringLit)
		if !ok {
			return "", "", src.errorf(a, "the %s of %s is not a string literal; add %s = { %s = \"%s\"; }; by hand", st.field, lastName, name, st.field, key)
		}
		q := `"`
		if lit.Indented {
			q = "''"
		}
		return name + assign + "{ " + st.field + " = " + q + key + q + "; }" + tail, "", nil
	}
	switch v := unparen(last.Value).(type) {
	case *sn.StringLit:
		if v.Indented {
			value = "''" + key + "''"
		} else {
			value = `"` + key + `"`
		}
		if _, ok := last.Value.(*sn.Paren); ok {
			value = "(" + value + ")"
		}
	case *sn.Binary:
		if !sn.LiteralConcat(v) {
			return "", "", src.errorf(a, "the key of %s is computed; nfrekey writes keys only beside string literals or readFile of a .pub file: add %s = \"%s\"; here by hand", lastName, name, key)
		}
		value = `"` + key + `"` // beside keys written in pieces: one literal
	default:
		p := readFilePath(last.Value)
		if p == nil {
			return "", "", src.errorf(a, "the key of %s is computed; nfrekey writes keys only beside string literals or readFile of a .pub file: add %s = \"%s\"; here by hand", lastName, name, key)
		}
		pa, pe := src.span(p)
		lit := src.src[pa:pe]
		newLit, newPub, ok := mirrorPub(lit, p.Parts[0].Lit, lastName, name)
		if ok {
			if !filepath.IsAbs(newPub) {
				newPub = filepath.Join(filepath.Dir(src.path), newPub)
			}
			ok = dirExists(filepath.Dir(newPub))
		}
		if !ok {
			// The .pub layout cannot be followed for NAME (its file is
			// not named after the host, or the host's own directory does
			// not exist yet: nfrekey creates files, not directories): a
			// string literal beside the others is a valid binding too,
			// and the re-evaluation checks it like any other.
			value = `"` + key + `"`
			break
		}
		value = src.src[va:pa] + newLit + src.src[pe:ve]
		pub = newPub
	}
	return st.prefix + name + assign + value + tail, pub, nil
}

// insertAfter splices text in after node n (a binding or list element) of
// src: on a line of its own when n ends its line, else after n on the
// same line, separated by sep.
func insertAfter(src *source, n sn.Node, text, sep string) {
	_, end := src.span(n)
	eol := src.lineEnd(end)
	if !src.tokenIn(end, eol) && eol < len(src.src) {
		src.edit(eol, eol, src.newline()+src.indentAt(nodeStart(src, n))+text)
		return
	}
	src.edit(end, end, sep+text)
}

func nodeStart(src *source, n sn.Node) int { a, _ := src.span(n); return a }

// addBinding binds name in the site.
func addBinding(st *site, text string) {
	if st.wrap {
		a := nodeStart(st.src, st.container)
		nl := st.src.newline()
		st.src.edit(a, a, "let"+nl+"  "+text+nl+"in"+nl)
		return
	}
	if len(st.defs) == 0 {
		// A fresh let: the binding goes after its last one.
		binds := st.container.(*sn.Let).Binds
		insertAfter(st.src, binds[len(binds)-1], text, " ")
		return
	}
	last := st.defs[len(st.defs)-1]
	insertAfter(st.src, last, text, " ")
}

// addElem adds ref to a list literal, as its last element.
func addElem(src *source, l *sn.ListLit, ref string) {
	if len(l.Elems) == 0 {
		first, last := l.Span()
		open, close := int(src.f.Tokens[first].End), int(src.f.Tokens[last].Start)
		inner := src.src[open:close]
		switch {
		case strings.Contains(inner, "\n"):
			src.edit(open, open, src.newline()+src.indentAt(open)+"  "+ref)
		case inner == "":
			// [] becomes [NAME], which removing NAME turns back into [].
			src.edit(open, open, ref)
		default:
			src.edit(open, open, " "+ref)
		}
		return
	}
	sep := " "
	if n := len(l.Elems); n >= 2 {
		_, pe := src.span(l.Elems[n-2])
		ls, _ := src.span(l.Elems[n-1])
		if gap := src.src[pe:ls]; strings.TrimLeft(gap, " \t") == "" {
			sep = gap
		}
	}
	insertAfter(src, l.Elems[len(l.Elems)-1], ref, sep)
}

// appendConcat makes expr `expr ++ [ ref ]`.
func appendConcat(src *source, expr sn.Node, ref string) {
	a, e := src.span(expr)
	if needsParens(expr) {
		src.edit(a, a, "(")
		src.edit(e, e, ") ++ [ "+ref+" ]")
		return
	}
	src.edit(e, e, " ++ [ "+ref+" ]")
}

// removeNode deletes a list element or a binding: with the line it
// stands on when it is alone there (from the newline before it), else
// with the blanks before it (after it, for a first element).
func removeNode(src *source, n sn.Node, first bool) {
	a, e := src.span(n)
	lineStart := strings.LastIndexByte(src.src[:a], '\n')
	eol := src.lineEnd(e)
	ownLine := lineStart >= 0 && strings.TrimLeft(src.src[lineStart+1:a], " \t") == "" && !src.tokenIn(e, eol)
	if ownLine {
		from := lineStart
		if from > 0 && src.src[from-1] == '\r' {
			from--
		}
		// A comment after the node on its line goes with it.
		src.edit(from, eol, "")
		return
	}
	b := a
	if ft, _ := n.(interface{ Span() (int, int) }).Span(); ft > 0 && strings.TrimSpace(src.src[src.f.Tokens[ft-1].End:a]) == "" {
		// Only blanks (newlines too) since the previous token: all of
		// them, which is what insertAfter's sep was.
		b = int(src.f.Tokens[ft-1].End)
	} else {
		for b > 0 && (src.src[b-1] == ' ' || src.src[b-1] == '\t') {
			b--
		}
	}
	if b < a && !first {
		src.edit(b, e, "")
		return
	}
	f := e
	for f < len(src.src) && (src.src[f] == ' ' || src.src[f] == '\t') {
		f++
	}
	src.edit(a, f, "")
}

func quoteOK(key string) error {
	if strings.ContainsAny(key, "\"\\$\n\r'") {
		return fmt.Errorf("key %q contains characters that cannot be written in a Nix string as is", key)
	}
	return nil
}

// recordField is the definition of field in a record definition's value.
func recordField(d *sn.AttrDef, field string) *sn.AttrDef {
	set, ok := unparen(d.Value).(*sn.AttrSet)
	if !ok {
		return nil
	}
	for _, b := range set.Binds {
		if fd, ok := b.(*sn.AttrDef); ok {
			if p, ok := staticPath(fd.Path); ok && len(p) == 1 && p[0] == field {
				return fd
			}
		}
	}
	return nil
}

// mirrorPub rewrites the path of the model binding's .pub file (lit as
// written, file as the path it denotes) for host name: the file named
// after the model host (keys/web1.pub -> keys/web3.pub), else the one
// directory named after it (hosts/web1/ssh_host_ed25519_key.pub ->
// hosts/web3/ssh_host_ed25519_key.pub, the layout of per-host
// directories). ok is false when neither names the host exactly once.
func mirrorPub(lit, file, model, name string) (newLit, newFile string, ok bool) {
	swap := func(p string) (string, bool) {
		parts := strings.Split(p, "/")
		if parts[len(parts)-1] == model+".pub" {
			parts[len(parts)-1] = name + ".pub"
			return strings.Join(parts, "/"), true
		}
		at := -1
		for i, c := range parts[:len(parts)-1] {
			if c == model {
				if at >= 0 {
					return "", false
				}
				at = i
			}
		}
		if at < 0 {
			return "", false
		}
		parts[at] = name
		return strings.Join(parts, "/"), true
	}
	if newLit, ok = swap(lit); !ok {
		return "", "", false
	}
	if newFile, ok = swap(file); !ok {
		return "", "", false
	}
	return newLit, newFile, true
}
