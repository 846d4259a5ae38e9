package secretsnix

import "testing"

// Pipe operators are Nix 2.24+ (experimental there); the 2.8 oracle cannot
// check them, so these wants follow Nix's grammar (src/libexpr/parser.y:
// expr_pipe_into is left-recursive, expr_pipe_from right-recursive, both
// below '->', and neither accepts the other as an operand).
var pipeCases = []struct{ src, want string }{
	{`[ 3 1 2 ] |> builtins.sort builtins.lessThan`, `[1,2,3]`},
	{`1 |> (x: x + 1) |> (x: x * 10)`, `20`},
	{`(x: x * 10) <| (x: x + 1) <| 1`, `20`},
	{`builtins.map (x: x * 2) <| [ 1 2 ]`, `[2,4]`},
	{`"a" |> (s: s + "b") |> (s: s + "c")`, `"abc"`},
	{`(s: s + "c") <| (s: s + "b") <| "a"`, `"abc"`},
	// Looser than every other operator: the operands are whole expressions.
	{`1 + 2 |> (x: x * 10)`, `30`},
	{`[ 1 ] ++ [ 2 ] |> builtins.length`, `2`},
	{`true -> false |> (b: !b)`, `true`},
	{`(x: x) <| 1 + 2`, `3`},
	{`{ a = 1; } // { b = 2; } |> builtins.attrNames`, `["a","b"]`},
	{`if true then 1 else 2 |> (x: x + 1)`, `1`},
	{`if false then 1 else 2 |> (x: x + 1)`, `3`},
	{`let f = x: x + 1; in 1 |> f`, `2`},
	{`{ a = 1 |> (x: x + 1); }`, `{"a":2}`},
	{`x: x |> (y: y)`, `ERR 1:1: cannot convert a function to JSON`},
	{`throw "x" |> builtins.stringLength`, `ERR 1:1: x`},
	// Errors: mixing needs parentheses; a call error is at the operator.
	{`1 |> (x: x) <| 2`, `ERR 1:13: syntax error, unexpected '<|'`},
	{`(x: x) <| 1 |> (x: x)`, `ERR 1:13: syntax error, unexpected '|>'`},
	{`(1 |> (x: [ x ])) ++ ((y: y) <| [ 2 ])`, `[1,2]`},
	{`1 |>`, `ERR 1:3: syntax error, unexpected end of file`},
	{`1 |> 2`, `ERR 1:3: attempt to call something which is not a function but an integer`},
	{"let\n  inherit (builtins) getEnv;\nin\n  \"HOME\" |> getEnv", `ERR 4:10: builtins.getEnv is not supported (outside nfrekey's Nix subset; try --eval=nix)`},
	{`a |> b`, `ERR 1:1: undefined variable 'a'`},
}

func TestPipeOperators(t *testing.T) {
	dir := t.TempDir()
	for _, c := range pipeCases {
		checkEval(t, dir, c.src, c.want)
	}
}

// TestPipePrint: the pipe operators print back byte for byte.
func TestPipePrint(t *testing.T) {
	for _, src := range []string{"a |> b |> c", "f <| g <| x # c\n", "x|>f", "(a |> b) <| c"} {
		f, err := Parse("p.nix", src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if got := Print(f); got != src {
			t.Errorf("Print(%q) = %q", src, got)
		}
	}
}
