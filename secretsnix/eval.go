package secretsnix

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// maxEvalDepth bounds evaluation recursion: deep or endless recursion in
// the evaluated code is an error, not a Go stack overflow.
const maxEvalDepth = 10000

const subsetHint = " (outside nfrekey's Nix subset; try --eval=nix)"

type evaluator struct {
	root     string // resolved Root; import and readFile stay inside
	files    []*File
	nextBase int
	imports  map[string]*thunk
	base     *env
	baseSc   *scope
	depth    int
	steps    int
	maxSteps int // 0: unlimited
	// readLimit, when set, makes readFile refuse larger files: the walk
	// over unused bindings must not read a large file Nix would never read.
	readLimit int64
	fs        *files               // the disk under Options.Overlay
	regexes   map[string]*nixRegex // compiled builtins.match/split patterns
	thrown    map[*Error]bool      // errors tryEval catches: throw and assert
}

func newEvaluator(root string, maxSteps int) *evaluator {
	ev := &evaluator{root: root, imports: map[string]*thunk{}, maxSteps: maxSteps, fs: &files{}}
	ev.initBuiltins()
	return ev
}

func (ev *evaluator) fileAt(pos int) *File {
	i := sort.Search(len(ev.files), func(i int) bool { return ev.files[i].base > pos }) - 1
	if i < 0 {
		return nil
	}
	return ev.files[i]
}

// errorf makes an *Error at a global position.
func (ev *evaluator) errorf(pos int, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	f := ev.fileAt(pos)
	if f == nil {
		return &Error{Line: 1, Col: 1, Msg: msg}
	}
	l, c := f.lineCol(pos - f.base)
	return &Error{File: f.Name, Line: l, Col: c, Msg: msg}
}

func (ev *evaluator) where(pos int) string {
	f := ev.fileAt(pos)
	if f == nil {
		return "<unknown>"
	}
	l, c := f.lineCol(pos - f.base)
	return fmt.Sprintf("%s:%d:%d", f.Name, l, c)
}

func (ev *evaluator) unsupported(pos int, what string) *Error {
	e := ev.errorf(pos, "%s is not supported%s", what, subsetHint)
	e.Unsupported = true
	return e
}

// loadFile parses and resolves a file, giving its nodes positions of
// their own.
func (ev *evaluator) loadFile(name, src string) (*File, error) {
	f, perr := parse(name, src, ev.nextBase)
	if perr != nil {
		return nil, perr
	}
	ev.nextBase += len(src) + 1
	ev.files = append(ev.files, f)
	r := &resolver{f: f}
	r.node(f.Root, ev.baseSc)
	if r.err != nil {
		return nil, r.err
	}
	return f, nil
}

// readInRoot reads a file that must lie inside the root once symlinks are
// resolved.
func (ev *evaluator) checkInRoot(p string, pos int) (string, error) {
	real, err := ev.fs.realPath(p)
	if err != nil {
		if os.IsNotExist(err) {
			return "", ev.errorf(pos, "file '%s' does not exist", p)
		}
		return "", ev.errorf(pos, "cannot access '%s': %v", p, err)
	}
	rel, err := filepath.Rel(ev.root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) {
		e := ev.errorf(pos, "access to '%s' is outside the root '%s'", p, ev.root)
		e.OutsideRoot = true
		return "", e
	}
	return real, nil
}

func (ev *evaluator) importFile(p string, pos int) (*thunk, error) {
	real, err := ev.checkInRoot(p, pos)
	if err != nil {
		return nil, err
	}
	if ev.fs.isDir(real) {
		p = filepath.Join(p, "default.nix")
		if real, err = ev.checkInRoot(p, pos); err != nil {
			return nil, err
		}
	}
	if t, ok := ev.imports[real]; ok {
		return t, nil
	}
	data, rerr := ev.fs.read(real, MaxInputFile)
	if rerr != nil {
		return nil, ev.errorf(pos, "cannot read '%s': %v", p, rerr)
	}
	f, err := ev.loadFile(p, data)
	if err != nil {
		return nil, err
	}
	t := &thunk{expr: f.Root, env: ev.base}
	ev.imports[real] = t
	return t, nil
}

func (ev *evaluator) step(n int) error {
	ev.steps += n
	if ev.maxSteps > 0 && ev.steps > ev.maxSteps {
		return &Error{Line: 1, Col: 1, Msg: "evaluation step limit exceeded"}
	}
	return nil
}

func (ev *evaluator) force(t *thunk, pos int) (value, error) {
	switch t.state {
	case thunkDone:
		return t.v, nil
	case thunkForcing:
		return nil, ev.errorf(pos, "infinite recursion encountered")
	}
	if u, ok := t.expr.(*unsupportedNode); ok {
		return nil, ev.unsupported(pos, u.what)
	}
	t.state = thunkForcing
	var v value
	var err error
	if sel, ok := t.expr.(*Select); ok && sel.inherited {
		v, err = ev.evalSelectAt(sel, t.env, pos)
	} else {
		v, err = ev.eval(t.expr, t.env)
	}
	if err != nil {
		t.state = thunkPending
		return nil, err
	}
	if t.name != "" {
		switch x := v.(type) {
		case *strV:
			if x.name == "" {
				v = &strV{s: x.s, name: t.name}
			}
		case *attrsV:
			nameRecordKey(x, t.name)
		}
	}
	t.v, t.state, t.expr, t.env = v, thunkDone, nil, nil
	return v, nil
}

// nameRecordKey names the key of a host kept as a record
// (web6 = { pubkey = "ssh-ed25519 ..."; address = "..."; }) after the
// record, not after its field: every record has a "pubkey", and ls and
// the plans would call every such host "pubkey". Names are labels only.
func nameRecordKey(set *attrsV, record string) {
	for i := range set.attrs {
		a := &set.attrs[i]
		if !isRecordKeyField(a.name) || a.t == nil {
			continue
		}
		switch {
		case a.t.state == thunkDone:
			if s, ok := a.t.v.(*strV); ok && s.name == a.name {
				a.t.v = &strV{s: s.s, name: record}
			}
		case a.t.name == a.name:
			a.t.name = record
		}
	}
}

func isRecordKeyField(name string) bool {
	switch name {
	case "pubkey", "publicKey", "pubKey", "key", "hostKey", "host_key", "sshKey", "ssh_key":
		return true
	}
	return false
}

// mkThunk delays n in e. Constants need no delay, and an unnamed variable
// reference can share the variable's thunk.
func (ev *evaluator) mkThunk(n Node, e *env, name string) *thunk {
	switch x := n.(type) {
	case *IntLit:
		return done(x.Val)
	case *FloatLit:
		return done(x.Val)
	case *StringLit:
		if len(x.Parts) == 0 {
			return done(&strV{name: name})
		}
		if len(x.Parts) == 1 && x.Parts[0].Interp == nil {
			return done(&strV{s: x.Parts[0].Lit, name: name})
		}
	case *Ident:
		// Share the variable's thunk, as Nix does; a named binding only
		// when the target names its value itself.
		if !x.fromWith {
			if t := lookupLexical(x, e); t != nil && (name == "" || t.name != "") {
				return t
			}
		}
	case *Paren:
		return ev.mkThunk(x.Expr, e, name)
	}
	return &thunk{expr: n, env: e, name: name}
}

func lookupLexical(x *Ident, e *env) *thunk {
	for l := x.level; l > 0 && e != nil; l-- {
		e = e.up
	}
	if e == nil || int(x.displ) >= len(e.vals) {
		return nil
	}
	return e.vals[x.displ]
}

func (ev *evaluator) lookup(x *Ident, e *env) (*thunk, error) {
	if !x.fromWith {
		if t := lookupLexical(x, e); t != nil {
			return t, nil
		}
		return nil, ev.errorf(x.Pos, "infinite recursion encountered")
	}
	for l := x.level; l > 0 && e != nil; l-- {
		e = e.up
	}
	for e != nil && e.with && len(e.vals) == 1 {
		wv, err := ev.force(e.vals[0], x.Pos)
		if err != nil {
			return nil, err
		}
		as, ok := wv.(*attrsV)
		if !ok {
			return nil, ev.errorf(x.Pos, "value is %s while a set was expected", typeName(wv))
		}
		if a, ok := as.get(x.Name); ok {
			return a.t, nil
		}
		if e.prevWith == 0 {
			break
		}
		for l := e.prevWith; l > 0 && e != nil; l-- {
			e = e.up
		}
	}
	return nil, ev.errorf(x.Pos, "undefined variable '%s'", x.Name)
}

func (ev *evaluator) eval(n Node, e *env) (value, error) {
	if err := ev.step(1); err != nil {
		return nil, err
	}
	// The depth is restored explicitly, not by a defer: this runs for
	// every node evaluated.
	ev.depth++
	if ev.depth > maxEvalDepth {
		ev.depth--
		return nil, ev.errorf(n.base().Pos, "stack overflow (possible infinite recursion)")
	}
	v, err := ev.eval1(n, e)
	ev.depth--
	return v, err
}

func (ev *evaluator) eval1(n Node, e *env) (value, error) {
	switch x := n.(type) {
	case *Ident:
		t, err := ev.lookup(x, e)
		if err != nil {
			return nil, err
		}
		return ev.force(t, x.Pos)
	case *IntLit:
		return x.Val, nil
	case *FloatLit:
		return x.Val, nil
	case *StringLit:
		return ev.evalString(x, e)
	case *PathLit:
		return ev.evalPath(x, e)
	case *SearchPath:
		return nil, ev.unsupported(x.Pos, fmt.Sprintf("the search path <%s>", x.Name))
	case *URILit:
		return &strV{s: x.Text}, nil
	case *Paren:
		return ev.eval(x.Expr, e)
	case *ListLit:
		items := make([]*thunk, len(x.Elems))
		for i, el := range x.Elems {
			items[i] = ev.mkThunk(el, e, "")
		}
		return &listV{items: items}, nil
	case *AttrSet:
		v, err := ev.evalAttrs(x.desc, e)
		if err != nil || !x.Legacy {
			return v, err
		}
		a, ok := v.get("body")
		if !ok {
			return nil, ev.errorf(x.Pos, "attribute 'body' missing")
		}
		return ev.force(a.t, x.Pos)
	case *nested:
		return ev.evalAttrs(x.desc, e)
	case *Let:
		ne := &env{up: e, vals: make([]*thunk, len(x.desc.static))}
		for i, a := range x.desc.static {
			if a.inherited {
				ne.vals[i] = ev.mkThunk(a.value, e, a.name)
			} else {
				ne.vals[i] = ev.mkThunk(a.value, ne, a.name)
			}
		}
		return ev.eval(x.Body, ne)
	case *Select:
		return ev.evalSelect(x, e)
	case *HasAttr:
		return ev.evalHasAttr(x, e)
	case *Apply:
		f, err := ev.eval(x.Fn, e)
		if err != nil {
			return nil, err
		}
		return ev.apply(f, ev.mkThunk(x.Arg, e, ""), x.Pos)
	case *Unary:
		return ev.evalUnary(x, e)
	case *Binary:
		return ev.evalBinary(x, e)
	case *If:
		c, err := ev.evalBool(x.Cond, e, x.Pos)
		if err != nil {
			return nil, err
		}
		if c {
			return ev.eval(x.Then, e)
		}
		return ev.eval(x.Else, e)
	case *With:
		ne := &env{up: e, vals: []*thunk{ev.mkThunk(x.Env, e, "")}, with: true, prevWith: x.prevWith}
		return ev.eval(x.Body, ne)
	case *Assert:
		c, err := ev.evalBool(x.Cond, e, x.Pos)
		if err != nil {
			return nil, err
		}
		if !c {
			return nil, ev.catchable(ev.errorf(x.Pos, "assertion '%s' failed", ev.source(x.Cond)))
		}
		return ev.eval(x.Body, e)
	case *Lambda:
		return &lambdaV{fn: x, env: e}, nil
	case *callNode:
		f, err := ev.force(x.fn, x.pos)
		if err != nil {
			return nil, err
		}
		for _, a := range x.args {
			if f, err = ev.apply(f, a, x.pos); err != nil {
				return nil, err
			}
		}
		return f, nil
	case *unsupportedNode:
		return nil, ev.unsupported(x.pos, x.what)
	case *valueNode:
		return x.v, nil
	}
	return nil, ev.errorf(n.base().Pos, "cannot evaluate this expression")
}

// source returns the text of a node, for messages.
func (ev *evaluator) source(n Node) string {
	f := ev.fileAt(n.base().Pos)
	if f == nil {
		return "..."
	}
	s, e := f.Offsets(n)
	return f.Src[s:e]
}

// callNode applies fn to args when forced: the lazy results of map,
// genList, mapAttrs and friends.
type callNode struct {
	NodeBase
	fn   *thunk
	args []*thunk
	pos  int
}

// unsupportedNode is a builtin outside the subset; forcing it is the error.
type unsupportedNode struct {
	NodeBase
	what string
	pos  int
}

// valueNode wraps a ready value, for thunks that only add a name.
type valueNode struct {
	NodeBase
	v value
}

func (ev *evaluator) evalBool(n Node, e *env, pos int) (bool, error) {
	v, err := ev.eval(n, e)
	if err != nil {
		return false, err
	}
	return ev.asBool(v, pos)
}

func (ev *evaluator) evalString(x *StringLit, e *env) (value, error) {
	if len(x.Parts) == 1 && x.Parts[0].Interp == nil {
		return &strV{s: x.Parts[0].Lit}, nil
	}
	var b strings.Builder
	for _, p := range x.Parts {
		if p.Interp == nil {
			b.WriteString(p.Lit)
			continue
		}
		v, err := ev.eval(p.Interp.Expr, e)
		if err != nil {
			return nil, err
		}
		s, err := ev.coerceToString(v, p.Interp.Pos, false, false)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	if err := ev.step(b.Len() / 64); err != nil {
		return nil, err
	}
	return &strV{s: b.String()}, nil
}

// coerceToString follows Nix: strings as they are; paths would be copied
// to the store (outside the subset) unless copy is false; with more
// (toString) numbers, booleans, null and lists convert too.
func (ev *evaluator) coerceToString(v value, pos int, more, pathOK bool) (string, error) {
	switch x := v.(type) {
	case *strV:
		return x.s, nil
	case pathV:
		if pathOK {
			return string(x), nil
		}
		return "", ev.unsupported(pos, fmt.Sprintf("copying the path '%s' to the Nix store (string interpolation of a path)", string(x)))
	case *attrsV:
		if a, ok := x.get("__toString"); ok {
			f, err := ev.force(a.t, pos)
			if err != nil {
				return "", err
			}
			r, err := ev.apply(f, done(x), pos)
			if err != nil {
				return "", err
			}
			return ev.coerceToString(r, pos, more, pathOK)
		}
		if a, ok := x.get("outPath"); ok {
			r, err := ev.force(a.t, pos)
			if err != nil {
				return "", err
			}
			return ev.coerceToString(r, pos, more, pathOK)
		}
		return "", ev.errorf(pos, "cannot coerce a set to a string")
	}
	if more {
		switch x := v.(type) {
		case bool:
			if x {
				return "1", nil
			}
			return "", nil
		case int64:
			return fmt.Sprint(x), nil
		case float64:
			return fmt.Sprintf("%f", x), nil
		case nullV:
			return "", nil
		case *listV:
			var b strings.Builder
			for i, t := range x.items {
				iv, err := ev.force(t, pos)
				if err != nil {
					return "", err
				}
				s, err := ev.coerceToString(iv, pos, more, pathOK)
				if err != nil {
					return "", err
				}
				b.WriteString(s)
				if l, isList := iv.(*listV); i < len(x.items)-1 && (!isList || len(l.items) > 0) {
					b.WriteByte(' ')
				}
			}
			return b.String(), nil
		}
	}
	return "", ev.errorf(pos, "cannot coerce %s to a string", typeName(v))
}

func (ev *evaluator) evalPath(x *PathLit, e *env) (value, error) {
	if x.Home {
		return nil, ev.unsupported(x.Pos, "a path relative to the home directory")
	}
	first := x.Parts[0].Lit
	p := first
	if !filepath.IsAbs(p) {
		p = filepath.Join(x.dir, p)
	} else {
		p = filepath.Clean(p)
	}
	if strings.HasSuffix(first, "/") && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if len(x.Parts) == 1 {
		return pathV(p), nil
	}
	var b strings.Builder
	b.WriteString(p)
	for _, part := range x.Parts[1:] {
		if part.Interp == nil {
			b.WriteString(part.Lit)
			continue
		}
		v, err := ev.eval(part.Interp.Expr, e)
		if err != nil {
			return nil, err
		}
		s, err := ev.coerceToString(v, part.Interp.Pos, false, true)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	return pathV(canonPath(b.String())), nil
}

func canonPath(p string) string {
	if p == "" {
		return "/"
	}
	return filepath.Clean("/" + p)
}
