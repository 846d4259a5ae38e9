// Package secretsnix reads agenix rules files (secrets.nix) natively: a
// lexer and parser for the Nix language that keep every byte (comments,
// whitespace, positions), a lazy evaluator for the subset of Nix that real
// rules files use, and the agenix view of the result (which file is
// encrypted to which keys). It knows nothing of age or sops.
package secretsnix

import "fmt"

// Error is bad input at a place in a file. It prints as FILE:LINE:COL: Msg,
// the form editors and CI annotations understand.
type Error struct {
	File string
	Line int // 1-based
	Col  int // 1-based, in bytes
	Msg  string
	// Unsupported: the construct is outside the native subset (a refused
	// builtin, <nixpkgs>...): nix-instantiate (--eval=nix) may evaluate it.
	Unsupported bool
	// OutsideRoot: a file the rules read lies outside Options.Root.
	OutsideRoot bool
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// Position reports where the error is; cmd/nfrekey prints such errors bare.
func (e *Error) Position() (string, int, int) { return e.File, e.Line, e.Col }

// Options control evaluation.
type Options struct {
	// Root is the directory that import and readFile may not leave
	// (symlinks resolved). Empty means the directory of the evaluated file.
	Root string
	// UseNix delegates evaluation to `nix-instantiate --eval --strict --json`
	// (one call), for files outside the supported subset.
	UseNix bool
	// Overlay maps absolute file names to contents that replace the file
	// on disk, or create it, for the rules file itself, import, readFile
	// and directory listings: the idea of `go build -overlay`, so that an
	// edit is evaluated before it is written. A nil value deletes the
	// file. Not used with UseNix.
	Overlay map[string][]byte
}

// Rules is the agenix view of an evaluated rules file.
type Rules struct {
	File    string   // the rules file, as given
	Secrets []Secret // sorted by Name
	// Bindings are the let bindings and attributes, in the rules file and
	// the files it imports, whose value is a string: a string literal, or
	// an application of builtins.readFile (possibly wrapped, as in
	// removeSuffix "\n" (readFile ./k.pub)), evaluated with its errors
	// ignored, so that keys bound but used by no secret can be reported.
	// A binding that fails to evaluate is left out. In file order.
	Bindings []Binding
}

// Binding is a name bound to a string (see Rules.Bindings).
type Binding struct {
	Name      string // the binding or attribute name (the last component of a dotted path)
	Text      string // the evaluated string, verbatim
	File      string // the file it is written in, as errors name it
	Line, Col int    // where the binding is written
	// Offset is the byte offset in File of the binding's first token (its
	// name); Value is the byte range of the bound expression, for
	// editors that splice.
	Offset int
	Value  Span
}

// Span is a byte range [Start, End) in a file.
type Span struct{ Start, End int }

// Secret is one entry of the rules file.
type Secret struct {
	Name       string // the attribute name, e.g. "org/root-password.age", relative to the rules file's directory
	PublicKeys []Key
	Armor      bool
	Line, Col  int // where the attribute is defined (0 when evaluated by nix)
	// File and Offset are the attribute's file and byte offset. Keys is
	// the byte range in KeysFile of the expression publicKeys evaluated
	// (publicKeys = admins; gives the range of admins' value, which other
	// entries may share), and List
	// is set when that expression is a list literal (possibly
	// parenthesized): then Key.Elem of each key is its element. Zero when
	// unknown (nix evaluation, or a publicKeys shared with another entry
	// and so evaluated before this one).
	File      string
	Offset    int
	KeysFile  string
	Keys      Span
	List      bool
	ListOpen  int // offset of '['
	ListClose int // offset of ']'
}

// Key is one element of a secret's publicKeys.
type Key struct {
	Text string // the evaluated string, verbatim
	// Name is the let binding or attribute whose value the string came from
	// (web1 = "ssh-ed25519 ..."; keys.hosts.web1 gives "web1"), "" when none.
	Name string
	// File, Line and Col are where the key is written, when the native
	// evaluator knows it: the binding whose value it is (web1 = "...";),
	// else the element of a publicKeys list literal. "" and 0 when unknown.
	File      string
	Line, Col int
	Offset    int  // byte offset of that place in File
	Elem      Span // the element of the publicKeys list literal (Secret.List), in Secret.KeysFile
}

// EvalFile evaluates path strictly, as `nix-instantiate --eval --strict
// --json path` does, and returns the JSON-shaped result: nil, bool, int64,
// float64, string, []any or map[string]any. Errors are *Error when they
// have a position. Paths in the result are absolute file names (Nix would
// copy the file to the store and give the store path).
func EvalFile(path string, opts Options) (any, error) {
	if opts.UseNix {
		return nixEval(path)
	}
	v, _, _, err := evalFileValue(path, opts, evalOptions{})
	return v, err
}

// LoadRules evaluates an agenix rules file and returns its secrets. The
// top-level value must be an attribute set of { publicKeys = [ str ... ];
// armor = bool (optional); }; other attributes are ignored as agenix does.
func LoadRules(path string, opts Options) (*Rules, error) {
	if opts.UseNix {
		v, err := nixEval(path)
		if err != nil {
			return nil, err
		}
		rules, err := rulesFromJSON(path, v)
		if err != nil {
			return nil, err
		}
		rules.Bindings = nixBindings(path, opts)
		nameKeys(rules)
		return rules, nil
	}
	return loadRules(path, opts, evalOptions{})
}
