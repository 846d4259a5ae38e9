package secretsnix

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// runEval evaluates src as a file in dir and renders the result like the
// table's want: canonical JSON, or "ERR L:C: msg" with the file as FILE.
func runEval(t *testing.T, dir, src string) string {
	t.Helper()
	p := filepath.Join(dir, "e.nix")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := EvalFile(p, Options{})
	if err != nil {
		e, ok := err.(*Error)
		if !ok {
			return "ERR (not *Error) " + err.Error()
		}
		if strings.Contains(e.Msg, "\n") {
			t.Errorf("multi-line error message %q", e.Msg)
		}
		return "ERR " + strings.TrimPrefix(strings.ReplaceAll(e.Error(), p, "FILE"), "FILE:")
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	return reflect.DeepEqual(x, y)
}

func TestEvalTable(t *testing.T) {
	dir := t.TempDir()
	for _, c := range evalCases {
		checkEval(t, dir, c.src, c.want)
	}
}

// TestEvalExtra covers what the generated table cannot: files, imports,
// the root boundary, and behaviour that differs from nix on purpose.
func TestEvalExtra(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "lib")
	must(t, os.MkdirAll(sub, 0o755))
	must(t, os.WriteFile(filepath.Join(sub, "default.nix"), []byte(`{ x = 1; f = a: a + 1; }`), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "k.pub"), []byte("ssh-ed25519 AAAA k\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "self.nix"), []byte(`import ./self.nix`), 0o644))
	outside := t.TempDir()
	must(t, os.WriteFile(filepath.Join(outside, "o.nix"), []byte(`1`), 0o644))
	must(t, os.Symlink(filepath.Join(outside, "o.nix"), filepath.Join(dir, "link.nix")))
	cases := []struct{ src, want string }{
		{`(import ./lib).f (import ./lib/default.nix).x`, `2`},
		{`builtins.readFile ./k.pub`, `"ssh-ed25519 AAAA k\n"`},
		{`toString ./k.pub`, `"` + filepath.Join(dir, "k.pub") + `"`},
		{`./lib`, `"` + sub + `"`},
		{`builtins.pathExists ./nope`, `false`},
		{`import ./link.nix`, `ERR 1:1: access to '` + filepath.Join(dir, "link.nix") + `' is outside the root '`},
		{`import ` + filepath.Join(outside, "o.nix"), `ERR 1:1: access to`},
		{`import ./nope.nix`, `ERR 1:1: file '` + filepath.Join(dir, "nope.nix") + `' does not exist`},
		{`import ./self.nix`, `ERR ` + filepath.Join(dir, "self.nix") + `:1:1: infinite recursion encountered`},
		{`"${./k.pub}"`, `ERR 1:2: copying the path`},
		{`builtins.currentSystem`, `ERR 1:1: builtins.currentSystem is not supported (outside nfrekey's Nix subset; try --eval=nix)`},
		{"let\n  x = builtins.getFlake \"y\";\nin x", `ERR 2:7: builtins.getFlake is not supported`},
		{`derivation { }`, `ERR 1:1: builtins.derivation is not supported`},
		{`~/x`, `ERR 1:1: a path relative to the home directory is not supported`},
		{`let f = n: f (n + 1); in f 0`, `ERR 1:12: stack overflow`},
		{`let a = [ a ]; in builtins.deepSeq a 1`, `1`},
	}
	root, _ := filepath.EvalSymlinks(dir)
	for _, c := range cases {
		p := filepath.Join(root, "e.nix")
		must(t, os.WriteFile(p, []byte(c.src), 0o644))
		got := runEval(t, root, c.src)
		want := strings.ReplaceAll(c.want, dir, root)
		if strings.HasPrefix(want, "ERR ") {
			if !strings.HasPrefix(got, want) {
				t.Errorf("%q:\n got  %s\n want %s...", c.src, got, want)
			}
		} else if !sameJSON(got, want) {
			t.Errorf("%q:\n got  %s\n want %s", c.src, got, want)
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestStepLimit(t *testing.T) {
	_, err := evalString("/x/e.nix", `let f = n: f (n + 1) + 1; g = n: [ (g n) (g n) ]; in builtins.deepSeq (g 1) 1`, evalOptions{maxSteps: 10000})
	if err == nil {
		t.Fatal("expected an error")
	}
	_, err = evalString("/x/e.nix", `builtins.length (builtins.genList (x: x) 10000000)`, evalOptions{maxSteps: 10000})
	if err == nil || !strings.Contains(err.Error(), "step limit") {
		t.Fatalf("got %v", err)
	}
}

func TestDeepNesting(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000),
		strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("{a=", 10000) + "1" + strings.Repeat(";}", 10000),
		strings.Repeat("x: ", 10000) + "1",
		strings.Repeat("-", 20000) + "1",
	} {
		_, err := evalString("/x/e.nix", src, evalOptions{})
		if err == nil || !strings.Contains(err.Error(), "too deeply") {
			t.Errorf("%.20q...: got %v, want a nesting error", src, err)
		}
	}
	// Moderately deep input still works.
	v, err := evalString("/x/e.nix", strings.Repeat("(", 1000)+"1"+strings.Repeat(")", 1000), evalOptions{})
	if err != nil || v != int64(1) {
		t.Errorf("got %v, %v", v, err)
	}
}

// checkEval evaluates src and compares it with want: a JSON value, or
// "ERR L:C: message" for an error.
func checkEval(t *testing.T, dir, src, want string) {
	t.Helper()
	got := runEval(t, dir, src)
	if strings.HasPrefix(want, "ERR ") {
		if got != want {
			t.Errorf("%q:\n got  %s\n want %s", src, got, want)
		}
		return
	}
	if !sameJSON(got, want) {
		t.Errorf("%q:\n got  %s\n want %s", src, got, want)
	}
}
