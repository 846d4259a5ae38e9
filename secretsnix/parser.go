package secretsnix

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// maxDepth bounds the parser's recursion, so that deeply nested input is a
// clean error rather than a stack overflow.
const maxDepth = 10000

type parser struct {
	f       *File
	toks    []Token
	i       int
	depth   int
	err     *Error
	illegal map[int]string
	a       arena
	// Scratch stacks for building child slices: a list's elements are
	// pushed here and copied out once at their final length, instead of
	// growing a slice per node. Nested constructs push above and pop back
	// to where they started.
	nodeStack []Node
	nameStack []*AttrName
	partStack []StrPart
	dirty     []*attrsDesc // sets the bindings being parsed left unsorted
}

// Parse parses src as a Nix expression. name is used in error messages and,
// made absolute, as the base of relative paths. The tree keeps every byte:
// Print(f) returns src.
func Parse(name, src string) (*File, error) {
	f, err := parse(name, src, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func parse(name, src string, base int) (*File, *Error) {
	if len(src) > maxSrc {
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: "file too large"}
	}
	toks, lines, illegal := lex(src)
	dir := filepath.Dir(name)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	f := &File{Name: name, Src: src, Tokens: toks, lines: lines, base: base, dir: dir}
	p := &parser{f: f, toks: toks, illegal: illegal}
	root := p.expr()
	if p.err == nil && p.tok().Kind != TEOF {
		p.unexpected("end of file")
	}
	if p.err != nil {
		return nil, p.err
	}
	f.Root = root
	return f, nil
}

func (p *parser) tok() Token { return p.toks[p.i] }

func (p *parser) peek(n int) TokKind {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n].Kind
	}
	return TEOF
}

func (p *parser) next() int {
	i := p.i
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return i
}

func (p *parser) text(i int) string { return p.f.Src[p.start(i):p.toks[i].End] }

// start and end are token i's offsets as ints.
func (p *parser) start(i int) int { return int(p.toks[i].Start) }
func (p *parser) end(i int) int   { return int(p.toks[i].End) }

func (p *parser) failAt(off int, msg string) {
	if p.err == nil {
		l, c := p.f.lineCol(off)
		p.err = &Error{File: p.f.Name, Line: l, Col: c, Msg: msg}
	}
}

// errOff is where Nix reports an error at token i: its start, except that
// end of file is reported at the last piece of trivia or token before it,
// which is where Nix's lexer location stands.
func (p *parser) errOff(i int) int {
	if p.toks[i].Kind != TEOF {
		return p.start(i)
	}
	if lead := tokLead(p.toks, i); lead < p.start(i) {
		return lastTriviaChunk(p.f.Src, lead, p.start(i))
	}
	if i > 0 {
		return p.start(i - 1)
	}
	return 0
}

func lastTriviaChunk(s string, i, end int) int {
	last := i
	for i < end {
		last = i
		switch c := s[i]; {
		case c == '#':
			for i < end && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < end && s[i+1] == '*':
			j := strings.Index(s[i+2:end], "*/")
			if j < 0 {
				return last
			}
			i += j + 4
		default:
			for i < end && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
				i++
			}
			if i == last {
				return last
			}
		}
	}
	return last
}

func (p *parser) unexpected(expecting string) {
	t := p.tok()
	if t.Kind == TIllegal {
		msg := p.illegal[p.i]
		if msg == "path has a trailing slash" {
			p.failAt(p.start(p.i), msg)
			return
		}
		if msg == "" {
			msg = "unexpected invalid token"
		}
		p.failAt(p.start(p.i), "syntax error, "+msg)
		return
	}
	msg := "syntax error, unexpected " + t.Kind.String()
	if expecting != "" {
		msg += ", expecting " + expecting
	}
	p.failAt(p.errOff(p.i), msg)
}

func (p *parser) expect(k TokKind) int {
	if p.err != nil {
		return p.i
	}
	if p.tok().Kind != k {
		p.unexpected(k.String())
		return p.i
	}
	return p.next()
}

func (p *parser) pos(tok int) int { return p.f.base + p.start(tok) }

func (p *parser) nb(first int) NodeBase {
	last := p.i - 1
	if last < first {
		last = first
	}
	return NodeBase{First: int32(first), Last: int32(last), Pos: p.pos(first)}
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		p.failAt(p.start(p.i), "expression nested too deeply")
		return false
	}
	return true
}

// expr, op and simple count their recursion depth; they decrement it
// explicitly rather than with a defer, which is measurably slower on the
// per-node path.
func (p *parser) expr() Node {
	var n Node
	if p.enter() && p.err == nil {
		n = p.expr1()
	}
	p.depth--
	return n
}

func (p *parser) expr1() Node {
	first := p.i
	switch p.tok().Kind {
	case TID:
		switch p.peek(1) {
		case TColon:
			name := p.text(p.next())
			p.next()
			body := p.expr()
			if p.err != nil {
				return nil
			}
			return &Lambda{NodeBase: p.nb(first), Param: name, Body: body}
		case TAt:
			name := p.text(p.next())
			p.next()
			if p.tok().Kind != TLBrace {
				p.unexpected("'{'")
				return nil
			}
			return p.lambdaFormals(first, name)
		}
	case TLBrace:
		if p.isFormals() {
			return p.lambdaFormals(first, "")
		}
	case TAssert, TWith:
		kw := p.next()
		e := p.expr()
		p.expect(TSemi)
		body := p.expr()
		if p.err != nil {
			return nil
		}
		if p.toks[kw].Kind == TAssert {
			return &Assert{NodeBase: p.nb(first), Cond: e, Body: body}
		}
		return &With{NodeBase: p.nb(first), Env: e, Body: body}
	case TLet:
		if p.peek(1) != TLBrace {
			open := p.next()
			binds, desc := p.binds(TIn, open, true)
			p.expect(TIn)
			body := p.expr()
			if p.err != nil {
				return nil
			}
			if len(desc.dyn) > 0 {
				p.failAt(p.start(first), "dynamic attributes not allowed in let")
				return nil
			}
			return &Let{NodeBase: p.nb(first), Binds: binds, Body: body, desc: desc}
		}
	case TIf:
		p.next()
		c := p.expr()
		p.expect(TThen)
		t := p.expr()
		p.expect(TElse)
		e := p.expr()
		if p.err != nil {
			return nil
		}
		return &If{NodeBase: p.nb(first), Cond: c, Then: t, Else: e}
	}
	return p.pipe()
}

// isFormals decides, looking ahead, whether '{' starts a lambda's formals
// rather than an attribute set.
func (p *parser) isFormals() bool {
	switch p.peek(1) {
	case TRBrace:
		k := p.peek(2)
		return k == TColon || k == TAt
	case TEllipsis:
		return true
	case TID:
		switch p.peek(2) {
		case TComma, TQuestion:
			return true
		case TRBrace:
			k := p.peek(3)
			return k == TColon || k == TAt
		}
	}
	return false
}

func (p *parser) lambdaFormals(first int, param string) Node {
	fstart := p.next() // '{'
	fs := &Formals{}
	seen := map[string]bool{}
	if param != "" {
		seen[param] = true
	}
	for p.err == nil {
		k := p.tok().Kind
		if k == TRBrace {
			break
		}
		if k == TEllipsis {
			p.next()
			fs.Ellipsis = true
			break
		}
		if k != TID {
			p.unexpected("")
			return nil
		}
		fi := p.next()
		name := p.text(fi)
		f := &Formal{Name: name}
		if seen[name] {
			p.failAt(p.start(fi), fmt.Sprintf("duplicate formal function argument '%s'", name))
			return nil
		}
		seen[name] = true
		if p.tok().Kind == TQuestion {
			p.next()
			f.Default = p.expr()
			if p.err != nil {
				return nil
			}
		}
		f.NodeBase = p.nb(fi)
		fs.Items = append(fs.Items, f)
		if p.tok().Kind == TComma {
			p.next()
			continue
		}
		if p.tok().Kind != TRBrace {
			p.unexpected("'}'")
			return nil
		}
	}
	p.expect(TRBrace)
	if p.err != nil {
		return nil
	}
	fs.NodeBase = p.nb(fstart)
	if param == "" && p.tok().Kind == TAt {
		p.next()
		if p.tok().Kind != TID {
			p.unexpected("ID")
			return nil
		}
		pi := p.next()
		param = p.text(pi)
		if seen[param] {
			p.failAt(p.start(pi), fmt.Sprintf("duplicate formal function argument '%s'", param))
			return nil
		}
	}
	p.expect(TColon)
	body := p.expr()
	if p.err != nil {
		return nil
	}
	return &Lambda{NodeBase: p.nb(first), Param: param, Formals: fs, Body: body}
}

// Binary operator precedences, loosest first, as in Nix's grammar. The
// prefix operators sit between: '!' at 7, unary '-' at 12.
func binPrec(k TokKind) (prec int, right, nonassoc bool) {
	switch k {
	case TImpl:
		return 1, true, false
	case TOrOr:
		return 2, false, false
	case TAnd:
		return 3, false, false
	case TEq, TNeq:
		return 4, false, true
	case TLt, TGt, TLeq, TGeq:
		return 5, false, true
	case TUpdate:
		return 6, true, false
	case TPlus, TMinus:
		return 8, false, false
	case TStar, TSlash:
		return 9, false, false
	case TConcat:
		return 10, true, false
	case TQuestion:
		return 11, false, true
	}
	return 0, false, false
}

func (p *parser) op(min int) Node {
	var n Node
	if p.enter() && p.err == nil {
		n = p.op1(min)
	}
	p.depth--
	return n
}

func (p *parser) op1(min int) Node {
	first := p.i
	var left Node
	switch p.tok().Kind {
	case TNot:
		p.next()
		e := p.op(8)
		if p.err != nil {
			return nil
		}
		left = &Unary{NodeBase: p.nb(first), Op: TNot, Expr: e}
	case TMinus:
		p.next()
		e := p.op(13)
		if p.err != nil {
			return nil
		}
		left = &Unary{NodeBase: p.nb(first), Op: TMinus, Expr: e}
	default:
		left = p.app()
	}
	lastNonassoc := 0
	for p.err == nil {
		k := p.tok().Kind
		prec, right, nonassoc := binPrec(k)
		if prec == 0 || prec < min {
			break
		}
		if prec == lastNonassoc {
			p.unexpected("")
			return nil
		}
		opTok := p.next()
		if k == TQuestion {
			path := p.attrPath()
			if p.err != nil {
				return nil
			}
			left = &HasAttr{NodeBase: p.nb(first), Expr: left, Path: path}
		} else {
			rmin := prec + 1
			if right {
				rmin = prec
			}
			r := p.op(rmin)
			if p.err != nil {
				return nil
			}
			b := p.a.binaries.new()
			b.NodeBase, b.Op, b.OpTok, b.OpPos = p.nb(first), k, int32(opTok), p.pos(opTok)
			b.L, b.R = left, r
			left = b
		}
		if nonassoc {
			lastNonassoc = prec
		} else {
			lastNonassoc = 0
		}
	}
	if p.err != nil {
		return nil
	}
	return left
}

func (p *parser) startsSimple() bool {
	switch p.tok().Kind {
	case TID, TInt, TFloat, TStrOpen, TIndOpen, TPath, THPath, TSPath, TURI, TLParen, TLBrace, TLBrack, TRec:
		return true
	case TLet:
		return p.peek(1) == TLBrace
	}
	return false
}

func (p *parser) app() Node {
	first := p.i
	fn := p.sel()
	for p.err == nil && p.startsSimple() {
		arg := p.sel()
		if p.err != nil {
			return nil
		}
		ap := p.a.applies.new()
		ap.NodeBase, ap.Fn, ap.Arg = p.nb(first), fn, arg
		fn = ap
	}
	if p.err != nil {
		return nil
	}
	return fn
}

func (p *parser) sel() Node {
	first := p.i
	e := p.simple()
	if p.err != nil {
		return nil
	}
	switch p.tok().Kind {
	case TDot:
		p.next()
		path := p.attrPath()
		if p.err != nil {
			return nil
		}
		s := p.a.selects.new()
		s.Expr, s.Path = e, path
		if p.tok().Kind == TOr {
			p.next()
			s.Default = p.sel()
			if p.err != nil {
				return nil
			}
		}
		s.NodeBase = p.nb(first)
		return s
	case TOr:
		// Nix's grammar reads "e or" as applying e to a variable named or.
		oi := p.next()
		id := &Ident{NodeBase: NodeBase{First: int32(oi), Last: int32(oi), Pos: p.pos(first)}, Name: "or"}
		return &Apply{NodeBase: p.nb(first), Fn: e, Arg: id}
	}
	return e
}

func (p *parser) attrPath() []*AttrName {
	base := len(p.nameStack)
	for {
		a := p.attrName()
		if p.err != nil {
			p.nameStack = p.nameStack[:base]
			return nil
		}
		p.nameStack = append(p.nameStack, a)
		if p.tok().Kind != TDot {
			path := p.a.attrPath.copyOf(p.nameStack[base:])
			p.nameStack = p.nameStack[:base]
			return path
		}
		p.next()
	}
}

func (p *parser) attrName() *AttrName {
	first := p.i
	switch p.tok().Kind {
	case TID, TOr:
		name := p.text(p.next())
		a := p.a.names.new()
		a.NodeBase, a.Name = p.nb(first), name
		return a
	case TStrOpen:
		s := p.str()
		if p.err != nil {
			return nil
		}
		a := p.a.names.new()
		a.NodeBase, a.Src = p.nb(first), s
		if lit, ok := plainString(s); ok {
			a.Name = lit
		} else {
			a.Dyn = s
		}
		return a
	case TDollarCurly:
		in := p.interp()
		if p.err != nil {
			return nil
		}
		a := p.a.names.new()
		a.NodeBase, a.Src = p.nb(first), in
		if lit, ok := plainString(in.Expr); ok {
			a.Name = lit
		} else {
			a.Dyn = in.Expr
		}
		return a
	}
	p.unexpected("")
	return nil
}

// plainString reports whether e is a string literal without interpolation;
// Nix treats such attribute names as static.
func plainString(e Node) (string, bool) {
	for {
		par, ok := e.(*Paren)
		if !ok {
			break
		}
		e = par.Expr
	}
	s, ok := e.(*StringLit)
	if !ok {
		return "", false
	}
	switch {
	case len(s.Parts) == 0:
		return "", true
	case len(s.Parts) == 1 && s.Parts[0].Interp == nil:
		// The usual "name": no copy.
		return s.Parts[0].Lit, true
	}
	var b strings.Builder
	for _, part := range s.Parts {
		if part.Interp != nil {
			return "", false
		}
		b.WriteString(part.Lit)
	}
	return b.String(), true
}

func (p *parser) interp() *Interp {
	first := p.next() // ${
	e := p.expr()
	p.expect(TRBrace)
	if p.err != nil {
		return nil
	}
	return &Interp{NodeBase: p.nb(first), Expr: e}
}

func (p *parser) simple() Node {
	var n Node
	if p.enter() && p.err == nil {
		n = p.simple1()
	}
	p.depth--
	return n
}

func (p *parser) simple1() Node {
	first := p.i
	switch p.tok().Kind {
	case TID:
		return p.ident()
	case TInt:
		t := p.text(p.next())
		v, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			p.failAt(p.start(first), fmt.Sprintf("invalid integer '%s'", t))
			return nil
		}
		return &IntLit{NodeBase: p.nb(first), Val: v}
	case TFloat:
		t := p.text(p.next())
		v, err := strconv.ParseFloat(t, 64)
		if err != nil {
			p.failAt(p.start(first), fmt.Sprintf("invalid float '%s'", t))
			return nil
		}
		return &FloatLit{NodeBase: p.nb(first), Val: v}
	case TStrOpen:
		return p.str()
	case TIndOpen:
		return p.indStr()
	case TPath, THPath:
		return p.path()
	case TSPath:
		t := p.text(p.next())
		return &SearchPath{NodeBase: p.nb(first), Name: t[1 : len(t)-1]}
	case TURI:
		return &URILit{NodeBase: p.nb(p.next()), Text: p.text(first)}
	case TLParen:
		p.next()
		e := p.expr()
		p.expect(TRParen)
		if p.err != nil {
			return nil
		}
		return &Paren{NodeBase: p.nb(first), Expr: e}
	case TRec, TLBrace, TLet:
		k := p.tok().Kind
		if k != TLBrace {
			p.next()
		}
		open := p.expect(TLBrace)
		binds, desc := p.binds(TRBrace, open, false)
		p.expect(TRBrace)
		if p.err != nil {
			return nil
		}
		desc.rec = k != TLBrace
		desc.pos = p.pos(first)
		return &AttrSet{NodeBase: p.nb(first), Rec: k != TLBrace, Legacy: k == TLet, Binds: binds, desc: desc}
	case TLBrack:
		return p.list(first)
	}
	p.unexpected("")
	return nil
}

// list parses [ elems ] at first. The first elements are gathered in an
// array on the Go stack, not on p.nodeStack: storing pointers into the
// stack needs no write barrier, where each push onto the heap-allocated
// nodeStack took one (and buffered the stale entry it overwrote) while
// the GC was marking, which during a big parse it mostly is. Longer lists
// move to nodeStack.
func (p *parser) list(first int) Node {
	p.next()
	var local [16]Node
	n := 0
	base := len(p.nodeStack)
	spilled := false
	for p.err == nil && p.tok().Kind != TRBrack {
		var e Node
		if k := p.peek(1); p.tok().Kind == TID && k != TDot && k != TOr && p.depth < maxDepth {
			// A bare variable, the usual element of a key list: what
			// sel would return, without its two calls. The depth test
			// is the one simple's enter would make.
			e = p.ident()
		} else if !p.startsSimple() {
			p.unexpected("")
			break
		} else {
			e = p.sel()
		}
		if p.err != nil {
			break
		}
		switch {
		case spilled:
			p.nodeStack = append(p.nodeStack, e)
		case n < len(local):
			local[n] = e
			n++
		default:
			p.nodeStack = append(append(p.nodeStack, local[:]...), e)
			spilled = true
		}
	}
	var elems []Node
	if spilled {
		elems = p.popNodes(base)
	} else {
		elems = p.a.nodes.copyOf(local[:n])
	}
	p.expect(TRBrack)
	if p.err != nil {
		return nil
	}
	l := p.a.lists.new()
	l.NodeBase, l.Elems = p.nb(first), elems
	return l
}

// ident makes the variable reference at the current token.
func (p *parser) ident() *Ident {
	first := p.next()
	id := p.a.idents.new()
	id.NodeBase, id.Name = p.nb(first), p.text(first)
	return id
}

func (p *parser) str() *StringLit {
	first := p.next() // "
	base := len(p.partStack)
	for p.err == nil {
		switch p.tok().Kind {
		case TStrPart:
			p.partStack = append(p.partStack, StrPart{Lit: unescape(p.text(p.next()))})
		case TDollarCurly:
			in := p.interp()
			if p.err != nil {
				break
			}
			p.partStack = append(p.partStack, StrPart{Interp: in})
		case TStrClose:
			p.next()
			s := p.a.strs.new()
			s.NodeBase, s.Parts = p.nb(first), p.popParts(base)
			return s
		default:
			p.unexpected("'\"'")
		}
	}
	p.popParts(base)
	return nil
}

// popNodes returns the nodes pushed since base as a slice of their own and
// pops them. The stale entries above base are not cleared: they are nodes
// of the tree being built, which is kept alive anyway, and clearing costs
// write barriers.
func (p *parser) popNodes(base int) []Node {
	out := p.a.nodes.copyOf(p.nodeStack[base:])
	p.nodeStack = p.nodeStack[:base]
	return out
}

func (p *parser) popParts(base int) []StrPart {
	out := p.a.parts.copyOf(p.partStack[base:])
	p.partStack = p.partStack[:base]
	return out
}

// unescape decodes the escapes of "..." strings (and of ”\x).
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 && strings.IndexByte(s, '\r') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			default:
				c = s[i]
			}
		} else if c == '\r' {
			// Nix turns CRLF and lone CR in strings into LF.
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			c = '\n'
		}
		b = append(b, c)
	}
	return string(b)
}

type indPiece struct {
	lit    string
	indent bool // subject to indentation stripping
	interp *Interp
}

func (p *parser) indStr() *StringLit {
	first := p.next() // ''
	var pieces []indPiece
	for p.err == nil {
		switch p.tok().Kind {
		case TIndPart:
			pieces = append(pieces, indPiece{lit: p.text(p.next()), indent: true})
		case TIndEsc:
			t := p.text(p.next())
			var lit string
			switch {
			case t == "''$":
				lit = "$"
			case t == "'''":
				lit = "''"
			case strings.HasPrefix(t, "''\\"):
				lit = unescape(t[2:])
			default:
				lit = t
			}
			pieces = append(pieces, indPiece{lit: lit})
		case TDollarCurly:
			in := p.interp()
			if p.err != nil {
				return nil
			}
			pieces = append(pieces, indPiece{interp: in})
		case TIndClose:
			p.next()
			return &StringLit{NodeBase: p.nb(first), Indented: true, Parts: stripIndentation(pieces)}
		default:
			p.unexpected("IND_STRING_CLOSE")
		}
	}
	return nil
}

// stripIndentation follows Nix's algorithm exactly, including its quirks:
// escapes and interpolations end a line's leading whitespace, and a final
// line of spaces only is dropped.
func stripIndentation(es []indPiece) []StrPart {
	if len(es) == 0 {
		return nil
	}
	atStart := true
	minIndent := 1000000
	cur := 0
	for _, e := range es {
		if e.interp != nil || !e.indent {
			if atStart {
				atStart = false
				if cur < minIndent {
					minIndent = cur
				}
			}
			continue
		}
		for j := 0; j < len(e.lit); j++ {
			c := e.lit[j]
			if atStart {
				switch c {
				case ' ':
					cur++
				case '\n':
					cur = 0
				default:
					atStart = false
					if cur < minIndent {
						minIndent = cur
					}
				}
			} else if c == '\n' {
				atStart = true
				cur = 0
			}
		}
	}
	var out []StrPart
	atStart = true
	dropped := 0
	for n, e := range es {
		if e.interp != nil {
			atStart = false
			dropped = 0
			out = append(out, StrPart{Interp: e.interp})
			continue
		}
		var b strings.Builder
		for j := 0; j < len(e.lit); j++ {
			c := e.lit[j]
			if atStart {
				switch c {
				case ' ':
					if dropped >= minIndent {
						b.WriteByte(c)
					}
					dropped++
				case '\n':
					dropped = 0
					b.WriteByte(c)
				default:
					atStart = false
					dropped = 0
					b.WriteByte(c)
				}
			} else {
				b.WriteByte(c)
				if c == '\n' {
					atStart = true
				}
			}
		}
		s := b.String()
		if n == len(es)-1 {
			if k := strings.LastIndexByte(s, '\n'); k >= 0 && strings.Trim(s[k+1:], " ") == "" {
				s = s[:k+1]
			}
		}
		if len(out) > 0 && out[len(out)-1].Interp == nil {
			out[len(out)-1].Lit += s
		} else {
			out = append(out, StrPart{Lit: s})
		}
	}
	return out
}

func (p *parser) path() Node {
	first := p.next()
	t := p.text(first)
	pl := &PathLit{Home: p.toks[first].Kind == THPath, dir: p.f.dir}
	pl.Parts = append(pl.Parts, StrPart{Lit: t})
	for p.err == nil {
		switch p.tok().Kind {
		case TPathPart:
			pl.Parts = append(pl.Parts, StrPart{Lit: p.text(p.next())})
		case TDollarCurly:
			in := p.interp()
			if p.err != nil {
				return nil
			}
			pl.Parts = append(pl.Parts, StrPart{Interp: in})
		case TPathEnd:
			p.next()
			pl.NodeBase = p.nb(first)
			return pl
		default:
			p.unexpected("")
		}
	}
	return nil
}
