package secretsnix

// Node is an expression or a part of one (binding, attribute name, formal).
// Every node covers a contiguous range of tokens; children lie inside it,
// in order, so a node's bytes are its tokens and trivia and an edit can
// splice new text in at a node or token boundary.
type Node interface {
	base() *NodeBase
}

// NodeBase holds what every node has: its first and last token (indices
// into File.Tokens, inclusive) and its position for error messages (the
// offset of its first token, plus the file's base in an evaluation).
// First and Last are int32, as token offsets are (see Token): that makes
// the base 16 bytes rather than 24 in each of the hundreds of thousands
// of nodes of a big file.
type NodeBase struct {
	First, Last int32
	Pos         int
}

func (b *NodeBase) base() *NodeBase { return b }

// Span returns the node's token range.
func (b *NodeBase) Span() (first, last int) { return int(b.First), int(b.Last) }

// File is a parsed Nix file.
type File struct {
	Name   string
	Src    string
	Tokens []Token
	Root   Node
	lines  []int
	base   int    // added to byte offsets to make node positions unique across files
	dir    string // absolute directory of the file, for relative paths
}

// Ident is a variable reference.
type Ident struct {
	NodeBase
	Name string
	// Filled by the resolver: the variable is displ in the env level
	// scopes up, or is looked up in the with-scopes starting level up.
	// int32 (nesting and scope sizes are bounded by the int32 source
	// size) keeps an Ident at 48 bytes: a big file has ~10 per line.
	level, displ int32
	fromWith     bool
}

// IntLit is an integer literal.
type IntLit struct {
	NodeBase
	Val int64
}

// FloatLit is a float literal.
type FloatLit struct {
	NodeBase
	Val float64
}

// StrPart is a literal piece (already unescaped and, for indented strings,
// stripped of indentation) or an interpolation.
type StrPart struct {
	Lit    string
	Interp *Interp // nil for a literal piece
}

// StringLit is "..." or ”...”.
type StringLit struct {
	NodeBase
	Indented bool
	Parts    []StrPart
}

// Interp is ${ expr } inside a string, path or attribute name.
type Interp struct {
	NodeBase
	Expr Node
}

// PathLit is ./a, /a, a/b, ~/a, possibly with interpolations.
type PathLit struct {
	NodeBase
	Home  bool // ~/...
	Parts []StrPart
	dir   string
}

// SearchPath is <name>.
type SearchPath struct {
	NodeBase
	Name string
}

// URILit is an unquoted URI.
type URILit struct {
	NodeBase
	Text string
}

// Paren is ( expr ).
type Paren struct {
	NodeBase
	Expr Node
}

// ListLit is [ a b c ].
type ListLit struct {
	NodeBase
	Elems []Node
}

// AttrSet is { binds } or rec { binds }; Legacy marks let { binds }.
type AttrSet struct {
	NodeBase
	Rec, Legacy bool
	Binds       []Node // *AttrDef or *Inherit
	desc        *attrsDesc
}

// Let is let binds in body.
type Let struct {
	NodeBase
	Binds []Node
	Body  Node
	desc  *attrsDesc
}

// AttrDef is path = value;.
type AttrDef struct {
	NodeBase
	Path  []*AttrName
	Value Node
}

// Inherit is inherit names; or inherit (From) names;.
type Inherit struct {
	NodeBase
	From  Node // nil without (e)
	Names []*AttrName
}

// AttrName is one component of an attribute path: an identifier, a quoted
// string or ${e}. Dyn is nil when the name is static.
type AttrName struct {
	NodeBase
	Name string
	Dyn  Node
	// Src is the node the name was written as (*StringLit, *Interp), nil for identifiers.
	Src Node
}

// Select is e.a.b or default.
type Select struct {
	NodeBase
	Expr    Node
	Path    []*AttrName
	Default Node
	// inherited: made by inherit (From) name; (not written as a select):
	// an error of the attribute itself belongs where the name is used.
	inherited bool
}

// HasAttr is e ? a.b.
type HasAttr struct {
	NodeBase
	Expr Node
	Path []*AttrName
}

// Apply is f x.
type Apply struct {
	NodeBase
	Fn, Arg Node
}

// Unary is !e or -e.
type Unary struct {
	NodeBase
	Op   TokKind
	Expr Node
}

// Binary is l op r; OpPos is the operator's position.
type Binary struct {
	NodeBase
	Op    TokKind
	OpTok int32 // next to Op, where it fits in the padding
	OpPos int
	L, R  Node
}

// If is if c then a else b.
type If struct {
	NodeBase
	Cond, Then, Else Node
}

// With is with e; body.
type With struct {
	NodeBase
	Env, Body Node
	prevWith  int // levels up to the next enclosing with, 0 if none
}

// Assert is assert c; body.
type Assert struct {
	NodeBase
	Cond, Body Node
}

// Lambda is x: body, {formals}: body, x@{...}: body or {...}@x: body.
type Lambda struct {
	NodeBase
	Param   string // "" when absent
	Formals *Formals
	Body    Node
	name    string // the attribute or binding it is defined as, for messages
	nvars   int
}

// Formals is the { a, b ? d, ... } part of a lambda.
type Formals struct {
	NodeBase
	Items    []*Formal
	Ellipsis bool
}

// Formal is one a or b ? default.
type Formal struct {
	NodeBase
	Name    string
	Default Node
}

// nested is an attribute set made up by the parser from dotted paths
// (a.b = 1; a.c = 2;). It has no tokens of its own.
type nested struct {
	NodeBase
	desc *attrsDesc
}

// attrsDesc is the checked, merged form of a binding list.
type attrsDesc struct {
	pos    int          // where the set is written, for errors about it
	static []staticAttr // sorted by name
	dyn    []dynAttr
	// While the parser adds bindings (see binds.go): static is out of
	// order, and then, once large, indexed by name.
	index map[string]int
	// start is 1 + the offset in the file where the parser began the
	// bindings (0 for sets made up from dotted paths): add sizes a big
	// set from how much of the file its bindings took so far.
	start    int32
	rec      bool
	unsorted bool
}

type staticAttr struct {
	name      string
	pos       int
	value     Node
	inherited bool // inherit x: value is an Ident resolved outside the set
}

type dynAttr struct {
	name  Node
	value Node
	pos   int
}

// Children returns n's child nodes in source order.
func Children(n Node) []Node {
	var out []Node
	add := func(c Node) {
		if c != nil {
			out = append(out, c)
		}
	}
	switch n := n.(type) {
	case *StringLit:
		for _, p := range n.Parts {
			if p.Interp != nil {
				out = append(out, p.Interp)
			}
		}
	case *PathLit:
		for _, p := range n.Parts {
			if p.Interp != nil {
				out = append(out, p.Interp)
			}
		}
	case *Interp:
		add(n.Expr)
	case *Paren:
		add(n.Expr)
	case *ListLit:
		out = append(out, n.Elems...)
	case *AttrSet:
		out = append(out, n.Binds...)
	case *Let:
		out = append(out, n.Binds...)
		add(n.Body)
	case *AttrDef:
		for _, a := range n.Path {
			out = append(out, a)
		}
		add(n.Value)
	case *Inherit:
		add(n.From)
		for _, a := range n.Names {
			out = append(out, a)
		}
	case *AttrName:
		add(n.Src)
	case *Select:
		add(n.Expr)
		for _, a := range n.Path {
			out = append(out, a)
		}
		add(n.Default)
	case *HasAttr:
		add(n.Expr)
		for _, a := range n.Path {
			out = append(out, a)
		}
	case *Apply:
		add(n.Fn)
		add(n.Arg)
	case *Unary:
		add(n.Expr)
	case *Binary:
		add(n.L)
		add(n.R)
	case *If:
		add(n.Cond)
		add(n.Then)
		add(n.Else)
	case *With:
		add(n.Env)
		add(n.Body)
	case *Assert:
		add(n.Cond)
		add(n.Body)
	case *Lambda:
		if n.Formals != nil {
			add(n.Formals)
		}
		add(n.Body)
	case *Formals:
		for _, f := range n.Items {
			out = append(out, f)
		}
	case *Formal:
		add(n.Default)
	}
	return out
}
