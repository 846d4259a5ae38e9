package secretsnix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkTree verifies what editing relies on: children lie inside their
// parent, in source order, without overlapping.
func checkTree(t testing.TB, f *File, n Node) {
	t.Helper()
	b := n.base()
	if b.First < 0 || int(b.Last) >= len(f.Tokens) || b.First > b.Last {
		t.Fatalf("bad span %d..%d for %T", b.First, b.Last, n)
	}
	prev := b.First - 1
	for _, c := range Children(n) {
		cb := c.base()
		if _, synth := n.(*Inherit); synth {
			continue
		}
		if cb.First <= prev || cb.Last > b.Last {
			t.Fatalf("child %T %d..%d out of order in %T %d..%d (prev %d)", c, cb.First, cb.Last, n, b.First, b.Last, prev)
		}
		checkTree(t, f, c)
		prev = cb.Last
	}
}

func roundTrip(t testing.TB, src string) *File {
	t.Helper()
	f, err := Parse("t.nix", src)
	if err != nil {
		return nil
	}
	if got := Print(f); got != src {
		t.Fatalf("Print differs for %q:\n%q", src, got)
	}
	checkTree(t, f, f.Root)
	return f
}

func TestRoundTripTable(t *testing.T) {
	for _, c := range evalCases {
		roundTrip(t, c.src)
	}
	for _, src := range parseCases {
		if roundTrip(t, src) == nil {
			t.Errorf("%q: does not parse", src)
		}
	}
}

func TestRoundTripFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.nix")
	more, _ := filepath.Glob("testdata/*/*/*.nix")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no testdata files")
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		must(t, err)
		if roundTrip(t, string(data)) == nil && !strings.Contains(p, "broken") {
			t.Errorf("%s: does not parse", p)
		}
	}
}

var parseCases = []string{
	"# comment only before\n1 # after\n",
	"/* block */ { a = 1; /* in */ b = [ 1 2 ]; } # end",
	"{ a, b ? 1, ... }@args: a",
	"args @ { a }: a",
	"{}: 1",
	"{ ... }: 1",
	"{ a, }: a",
	"let a.b = 1; a.c = 2; in a",
	"x: y: z: x",
	"./a/${b}/c.nix",
	"./a${b}",
	"a/b",
	"<nixpkgs/lib>",
	"http://x.org/a?b=c",
	"''\n  a ${b}\n  ''\\n ''$ '''\n''",
	"\"a ${b} \\\" \\${c} $${d}\"",
	"a.b.c or d",
	"a.\"b c\".${d}",
	"f x.y z",
	"- a ? b",
	"!a || b && c -> d",
	"a // b // c",
	"[ 1 2.5 .5 1e3 \"s\" ]",
	"if a then b else c",
	"assert a; with b; c",
	"rec { a = 1; inherit b; inherit (c) d \"e\"; }",
	"let { body = 1; }",
	"e or",
	"\r\n{ a = 1;\r\n}\r\n",
	"{ or = 1; }.or",
	"1 + 2 * 3 - 4 / 5",
	"a ++ b ++ c",
	"a < b",
	"a == b",
}

func TestLexer(t *testing.T) {
	cases := []struct {
		src   string
		kinds []TokKind
	}{
		{"a.b", []TokKind{TID, TDot, TID, TEOF}},
		{"a/b", []TokKind{TPath, TPathEnd, TEOF}},
		{"a //b", []TokKind{TID, TUpdate, TID, TEOF}},
		{"x:x", []TokKind{TURI, TEOF}},
		{"x: x", []TokKind{TID, TColon, TID, TEOF}},
		{"1.5 .5 1 0.5e3", []TokKind{TFloat, TFloat, TInt, TFloat, TEOF}},
		{"\"a${b}c\"", []TokKind{TStrOpen, TStrPart, TDollarCurly, TID, TRBrace, TStrPart, TStrClose, TEOF}},
		{"''a''$b''", []TokKind{TIndOpen, TIndPart, TIndEsc, TIndPart, TIndClose, TEOF}},
		{"./a/${b}", []TokKind{TPath, TDollarCurly, TID, TRBrace, TPathEnd, TEOF}},
		{"<a/b> <", []TokKind{TSPath, TLt, TEOF}},
		{"if then else assert with let in rec inherit or", []TokKind{TIf, TThen, TElse, TAssert, TWith, TLet, TIn, TRec, TInherit, TOr, TEOF}},
		{"... == != <= >= && || -> // ++ + - * / ! ? @ = ; : ,", []TokKind{TEllipsis, TEq, TNeq, TLeq, TGeq, TAnd, TOrOr, TImpl, TUpdate, TConcat, TPlus, TMinus, TStar, TSlash, TNot, TQuestion, TAt, TAssign, TSemi, TColon, TComma, TEOF}},
		{"a-b'", []TokKind{TID, TEOF}},
		{"\x00", []TokKind{TIllegal, TEOF}},
	}
	for _, c := range cases {
		toks, _, _ := lex(c.src)
		var got []TokKind
		for _, tk := range toks {
			got = append(got, tk.Kind)
		}
		if len(got) != len(c.kinds) {
			t.Errorf("%q: got %v, want %v", c.src, got, c.kinds)
			continue
		}
		for i := range got {
			if got[i] != c.kinds[i] {
				t.Errorf("%q: got %v, want %v", c.src, got, c.kinds)
				break
			}
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"", "1:1: syntax error, unexpected end of file"},
		{"1 +", "1:3: syntax error, unexpected end of file"},
		{"1 +   ", "1:4: syntax error, unexpected end of file"},
		{"1 + # c\n", "1:8: syntax error, unexpected end of file"},
		{"{ a = 1 }", "1:9: syntax error, unexpected '}', expecting ';'"},
		{"{ a = 1;\n  b = }", "2:7: syntax error, unexpected '}'"},
		{"(1", "1:2: syntax error, unexpected end of file, expecting ')'"},
		{"{ a, a }: 1", "1:6: duplicate formal function argument 'a'"},
		{"9223372036854775808", "1:1: invalid integer '9223372036854775808'"},
		{"1 == 1 == 1", "1:8: syntax error, unexpected EQ"},
		{"let ${a} = 1; in 1", "1:1: dynamic attributes not allowed in let"},
		{"./a/", "1:5: path has a trailing slash"},
		{"\x7fELF\x00\x01", "1:1: syntax error"},
		{"/* x", "1:1: syntax error, unexpected '/'"},
		{"\"abc", "1:2: syntax error, unexpected end of file"},
	}
	for _, c := range cases {
		_, err := Parse("t.nix", c.src)
		if err == nil {
			t.Errorf("%q: no error", c.src)
			continue
		}
		if got := err.Error(); !strings.HasPrefix(got, "t.nix:"+c.want) {
			t.Errorf("%q: got %q, want prefix t.nix:%s", c.src, got, c.want)
		}
	}
}

// TestEditSplice shows the intended editing path: find a node, splice text
// at its token boundary, reparse.
func TestEditSplice(t *testing.T) {
	src := "let\n  # hosts\n  web1 = \"k1\"; # first\n  admins = [ web1 ];\nin { }\n"
	f, err := Parse("t.nix", src)
	must(t, err)
	let := f.Root.(*Let)
	last := let.Binds[len(let.Binds)-1]
	_, end := f.Offsets(last)
	out := src[:end] + "\n  web2 = \"k2\";" + src[end:]
	list := let.Binds[1].(*AttrDef).Value.(*ListLit)
	_, lend := f.Offsets(list.Elems[len(list.Elems)-1])
	out = out[:lend] + " web2" + out[lend:]
	want := "let\n  # hosts\n  web1 = \"k1\"; # first\n  admins = [ web1 web2 ];\n  web2 = \"k2\";\nin { }\n"
	if out != want {
		t.Fatalf("got %q", out)
	}
	if _, err := Parse("t.nix", out); err != nil {
		t.Fatal(err)
	}
}
