package secretsnix

import (
	"path/filepath"
	"strings"
)

// bindingSteps bounds the evaluation of one binding for Rules.Bindings:
// a binding no secret uses must not cost more than a little.
const bindingSteps = 100000

// bindWalker finds the bindings whose value is a string (Rules.Bindings)
// after the rules are evaluated. It walks the bindings of every let and
// attribute set of the loaded files, building runtime scopes that mirror
// the resolver's, so that a binding needing evaluation (readFile, an
// interpolated string) is evaluated in a scope like its own. Only such
// candidate bindings are ever forced, with their errors ignored.
type bindWalker struct {
	ev     *evaluator
	out    []Binding
	follow bool // load the files of `import ./path` too (nix mode: nothing was evaluated natively)
}

func (ev *evaluator) bindings(follow bool) (out []Binding) {
	w := &bindWalker{ev: ev, follow: follow}
	// The bindings are a report, never a reason to fail: should the
	// evaluation of one hit a bug, those found so far are kept.
	defer func() {
		if recover() != nil {
			out = w.out
		}
	}()
	// Files loaded while bindings are evaluated are walked too.
	for i := 0; i < len(ev.files); i++ {
		w.node(ev.files[i].Root, ev.base)
	}
	return w.out
}

func (w *bindWalker) node(n Node, e *env) {
	switch x := n.(type) {
	case *Paren:
		w.node(x.Expr, e)
	case *Let:
		ne := &env{up: e, vals: make([]*thunk, len(x.desc.static))}
		for i, a := range x.desc.static {
			if a.inherited {
				ne.vals[i] = w.ev.mkThunk(a.value, e, a.name)
			} else {
				ne.vals[i] = w.ev.mkThunk(a.value, ne, a.name)
			}
		}
		for i, a := range x.desc.static {
			if !a.inherited {
				w.binding(a, ne, ne.vals[i])
				w.node(a.value, ne)
			}
		}
		w.node(x.Body, ne)
	case *AttrSet:
		w.desc(x.desc, e)
	case *nested:
		w.desc(x.desc, e)
	case *Lambda:
		// The parameters are unknown: a binding that needs them fails
		// to evaluate and is left out.
		w.node(x.Body, &env{up: e, vals: make([]*thunk, x.nvars)})
	case *With:
		w.node(x.Env, e)
		w.node(x.Body, &env{up: e, vals: []*thunk{w.ev.mkThunk(x.Env, e, "")}, with: true, prevWith: x.prevWith})
	case *Binary:
		if mayBind(x.L) {
			w.node(x.L, e)
		}
		if mayBind(x.R) {
			w.node(x.R, e)
		}
	case *Apply:
		if w.follow {
			w.followImport(x)
		}
		w.node(x.Fn, e)
		w.node(x.Arg, e)
	case *If:
		w.node(x.Cond, e)
		w.node(x.Then, e)
		w.node(x.Else, e)
	case *Assert:
		w.node(x.Body, e)
	case *Select:
		w.node(x.Expr, e)
	case *ListLit:
		for _, el := range x.Elems {
			if mayBind(el) {
				w.node(el, e)
			}
		}
	}
}

// mayBind is false for the leaves that hold no binding, which fill the
// publicKeys lists of big rules files: not calling node for them is most
// of the walk's time saved.
func mayBind(n Node) bool {
	switch n.(type) {
	case *Ident, *StringLit, *IntLit, *FloatLit, *PathLit, *URILit:
		return false
	}
	return true
}

func (w *bindWalker) desc(d *attrsDesc, e *env) {
	inner := e
	if d.rec {
		inner = &env{up: e, vals: make([]*thunk, len(d.static))}
		for i, a := range d.static {
			if a.inherited {
				inner.vals[i] = w.ev.mkThunk(a.value, e, a.name)
			} else {
				inner.vals[i] = w.ev.mkThunk(a.value, inner, a.name)
			}
		}
	}
	for i, a := range d.static {
		if a.inherited {
			continue
		}
		var t *thunk
		if d.rec {
			t = inner.vals[i]
		}
		w.binding(a, inner, t)
		// A secret's entry ("x.age" = { publicKeys = ...; }) binds no
		// key; not walking the thousands of them is most of the walk saved.
		if mayBind(a.value) && !strings.HasSuffix(a.name, ".age") {
			w.node(a.value, inner)
		}
	}
}

// binding records a if its value is a string literal or a readFile
// application that evaluates to a string.
func (w *bindWalker) binding(a staticAttr, e *env, t *thunk) {
	var text string
	switch x := unparen(a.value).(type) {
	case *StringLit:
		literal := true
		for _, p := range x.Parts {
			if p.Interp != nil {
				literal = false
				break
			}
		}
		if literal {
			for _, p := range x.Parts {
				text += p.Lit
			}
			break
		}
		s, ok := w.eval(a, e, t)
		if !ok {
			return
		}
		text = s
	case *Apply:
		if !readsFile(x) {
			return
		}
		s, ok := w.eval(a, e, t)
		if !ok {
			return
		}
		text = s
	case *Binary:
		// A long key written in pieces: "ssh-rsa AAAA..." + "..." (jhakonen/nixos-config).
		if !LiteralConcat(x) {
			return
		}
		s, ok := w.eval(a, e, t)
		if !ok {
			return
		}
		text = s
	default:
		return
	}
	f := w.ev.fileAt(a.pos)
	if f == nil {
		return
	}
	b := Binding{Name: a.name, Text: text, File: f.Name, Offset: a.pos - f.base}
	b.Line, b.Col = f.lineCol(b.Offset)
	b.Value.Start, b.Value.End = f.Offsets(a.value)
	w.out = append(w.out, b)
}

// maxBindingFile bounds what readFile reads for a binding no secret uses:
// a public key is ~100 bytes, a .pub with a few keys well under this.
const maxBindingFile = 64 << 10

// eval forces a binding's thunk with a step budget, errors ignored.
func (w *bindWalker) eval(a staticAttr, e *env, t *thunk) (string, bool) {
	if t == nil {
		t = w.ev.mkThunk(a.value, e, a.name)
	}
	ev := w.ev
	saved, depth := ev.maxSteps, ev.depth
	if saved == 0 || ev.steps+bindingSteps < saved {
		ev.maxSteps = ev.steps + bindingSteps
	}
	ev.readLimit = maxBindingFile
	v, err := ev.force(t, a.pos)
	ev.maxSteps, ev.depth, ev.readLimit = saved, depth, 0
	if err != nil {
		return "", false
	}
	s, ok := v.(*strV)
	if !ok {
		return "", false
	}
	return s.s, true
}

// LiteralConcat reports whether n is a string literal without
// interpolation, or such literals joined with +: a key written in pieces.
func LiteralConcat(n Node) bool {
	switch x := unparen(n).(type) {
	case *StringLit:
		for _, p := range x.Parts {
			if p.Interp != nil {
				return false
			}
		}
		return true
	case *Binary:
		return x.Op == TPlus && LiteralConcat(x.L) && LiteralConcat(x.R)
	}
	return false
}

// readsFile reports whether x is readFile e, builtins.readFile e, or a
// function applied to such an application (removeSuffix "\n" (readFile e)).
func readsFile(x *Apply) bool {
	fn := unparen(x.Fn)
	for {
		ap, ok := fn.(*Apply)
		if !ok {
			break
		}
		fn = unparen(ap.Fn)
	}
	switch f := fn.(type) {
	case *Ident:
		if f.Name == "readFile" {
			return true
		}
	case *Select:
		if p := f.Path; len(p) > 0 && p[len(p)-1].Dyn == nil && p[len(p)-1].Name == "readFile" {
			return true
		}
	}
	if arg, ok := unparen(x.Arg).(*Apply); ok {
		return readsFile(arg)
	}
	return false
}

// followImport loads the file of `import ./literal/path`, errors ignored.
func (w *bindWalker) followImport(x *Apply) {
	id, ok := unparen(x.Fn).(*Ident)
	if !ok || id.Name != "import" {
		return
	}
	p, ok := unparen(x.Arg).(*PathLit)
	if !ok || p.Home || len(p.Parts) != 1 || p.Parts[0].Interp != nil {
		return
	}
	path := p.Parts[0].Lit
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.dir, path)
	}
	_, _ = w.ev.importFile(path, x.Pos)
}

// nixBindings finds the bindings of a rules file that nix-instantiate
// evaluated: the file (and the files it imports by a literal path) is
// parsed natively, and only its bindings are evaluated, errors ignored.
// A file the native parser cannot read gives no bindings.
func nixBindings(path string, opts Options) []Binding {
	abs, root, err := evalRootDir(path, opts)
	if err != nil {
		return nil
	}
	fs := newFiles(opts.Overlay)
	data, err := fs.read(abs, MaxInputFile)
	if err != nil {
		return nil
	}
	ev := newEvaluator(root, 0)
	ev.fs = fs
	if _, err := ev.loadFile(path, data); err != nil {
		return nil
	}
	if real, err := fs.realPath(abs); err == nil {
		ev.imports[real] = &thunk{expr: ev.files[0].Root, env: ev.base}
	}
	return ev.bindings(true)
}

// placeKeys gives every named key the place of its binding: the binding
// of that name with that text (the first one, if several).
func placeKeys(r *Rules) {
	if len(r.Bindings) == 0 {
		return
	}
	byName := make(map[string]int, len(r.Bindings))
	for i := len(r.Bindings) - 1; i >= 0; i-- {
		byName[r.Bindings[i].Name] = i
	}
	find := func(k *Key) *Binding {
		if i, ok := byName[k.Name]; ok {
			for j := i; j < len(r.Bindings); j++ {
				if r.Bindings[j].Name == k.Name && r.Bindings[j].Text == k.Text {
					return &r.Bindings[j]
				}
			}
		}
		return nil
	}
	// The same few keys repeat over thousands of secrets: a small table
	// indexed by the key's last bytes remembers the last binding found for
	// each. Comparing the strings is cheap when they are the very same
	// value (Go compares lengths and data pointers before bytes), which a
	// key forced once through its binding always is.
	type hit struct {
		text, name string
		b          *Binding
	}
	var cache [256]hit
	for i := range r.Secrets {
		keys := r.Secrets[i].PublicKeys
		for j := range keys {
			k := &keys[j]
			if k.Name == "" || k.Text == "" {
				continue
			}
			n := len(k.Text)
			c := &cache[(int(k.Text[n-1])^int(k.Text[n/2])<<1^n)&255]
			if c.text != k.Text || c.name != k.Name {
				*c = hit{k.Text, k.Name, find(k)}
			}
			if b := c.b; b != nil {
				k.File, k.Line, k.Col, k.Offset = b.File, b.Line, b.Col, b.Offset
			}
		}
	}
}

// nameKeys names the keys nix-instantiate evaluated, which come without
// provenance, by the one binding whose value they are: a text bound
// under several names stays nameless.
func nameKeys(r *Rules) {
	byText := map[string]*Binding{}
	for i := range r.Bindings {
		b := &r.Bindings[i]
		if prev, ok := byText[b.Text]; ok && prev != nil && prev.Name != b.Name {
			byText[b.Text] = nil
			continue
		} else if !ok {
			byText[b.Text] = b
		}
	}
	for i := range r.Secrets {
		for j := range r.Secrets[i].PublicKeys {
			k := &r.Secrets[i].PublicKeys[j]
			if b := byText[k.Text]; b != nil {
				k.Name, k.File, k.Line, k.Col, k.Offset = b.Name, b.File, b.Line, b.Col, b.Offset
			}
		}
	}
}
