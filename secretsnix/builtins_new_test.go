package secretsnix

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

func TestBuiltinsTable(t *testing.T) {
	dir := t.TempDir()
	for _, c := range builtinCases {
		checkEval(t, dir, c.src, c.want)
	}
}

// TestReadDirFiles covers what the corpus cannot hold (a FIFO) and the
// root boundary, which nix does not have.
func TestReadDirFiles(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "hosts", "sub"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "hosts", "a.pub"), []byte("k\n"), 0o644))
	must(t, syscall.Mkfifo(filepath.Join(dir, "hosts", "fifo"), 0o644))
	must(t, os.Symlink("a.pub", filepath.Join(dir, "hosts", "link")))
	outside := t.TempDir()
	must(t, os.Symlink(outside, filepath.Join(dir, "out")))
	root, _ := filepath.EvalSymlinks(dir)
	cases := []struct{ src, want string }{
		{`builtins.readDir ./hosts`, `{"a.pub":"regular","fifo":"unknown","link":"symlink","sub":"directory"}`},
		{`builtins.readDir (toString ./hosts/sub)`, `{}`},
		{`builtins.readDir ./out`, `ERR 1:1: access to '` + filepath.Join(root, "out") + `' is outside the root`},
		{`builtins.readDir /etc`, `ERR 1:1: access to '/etc' is outside the root`},
		{`builtins.readDir "hosts"`, `ERR 1:1: string 'hosts' doesn't represent an absolute path`},
		{`builtins.readDir ./nope`, `ERR 1:1: file '` + filepath.Join(root, "nope") + `' does not exist`},
		{`builtins.readDir ./hosts/a.pub`, `ERR 1:1: opening directory '` + filepath.Join(root, "hosts", "a.pub") + `': Not a directory`},
		{`builtins.hashFile "sha256" ./hosts/fifo`, `ERR 1:1: cannot read '` + filepath.Join(root, "hosts", "fifo") + `': not a regular file`},
		{`builtins.hashFile "sha256" ./out`, `ERR 1:1: access to`},
	}
	for _, c := range cases {
		got := runEval(t, root, c.src)
		if strings.HasPrefix(c.want, "ERR ") {
			if !strings.HasPrefix(got, c.want) {
				t.Errorf("%q:\n got  %s\n want %s...", c.src, got, c.want)
			}
		} else if !sameJSON(got, c.want) {
			t.Errorf("%q:\n got  %s\n want %s", c.src, got, c.want)
		}
	}
}

// TestStdMatches pins the match sequence of std::sregex_iterator where it
// differs from Go's FindAll: an empty match right after a non-empty one.
func TestStdMatches(t *testing.T) {
	for _, c := range []struct {
		pat, s string
		want   [][2]int
	}{
		{"a*", "baaac", [][2]int{{0, 0}, {1, 4}, {4, 4}, {5, 5}}},
		{"", "ab", [][2]int{{0, 0}, {1, 1}, {2, 2}}},
		{"^a", "aaa", [][2]int{{0, 1}}},
		{"a|^b", "bab", [][2]int{{0, 1}, {1, 2}}},
		{"x", "", nil},
	} {
		re, err := compileNixRegex(c.pat)
		if err != nil {
			t.Fatal(err)
		}
		var got [][2]int
		for _, m := range stdMatches(re, c.s) {
			got = append(got, [2]int{m[0], m[1]})
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q on %q: got %v, want %v", c.pat, c.s, got, c.want)
		}
	}
}

func TestTranslateERE(t *testing.T) {
	for _, c := range []struct{ pat, want string }{
		{"a.b", `a.b`},
		{"[[:space:]]+", `[[:space:]]+`},
		{"a**", `(?:a*)*`},
		{"(ab)+?", `(?:(ab)+)?`},
		{"[]a-]", `[\x{5d}a\x{2d}]`},
		{`\.`, `\x{2e}`},
		{"^a$", `^a$`},
		{"é", `\x{c3}\x{a9}`},
	} {
		got, err := translateERE(c.pat, "^")
		if err != nil || got != c.want {
			t.Errorf("translateERE(%q) = %q, %v; want %q", c.pat, got, err, c.want)
		}
	}
	for _, bad := range []string{"(", ")", "*a", "a|*", `\d`, `\}`, "[a", "[]", "[z-a]", "a{2,1}", "a{,2}", "(?:a)", "[[:word:]]", "[[:alpha:]-z]"} {
		if _, err := translateERE(bad, "^"); err == nil {
			t.Errorf("translateERE(%q) accepted a pattern std::regex rejects", bad)
		}
	}
}

func TestToXMLCycle(t *testing.T) {
	got := runEval(t, t.TempDir(), "let a = { b = a; }; in builtins.toXML a")
	if !strings.HasPrefix(got, "ERR 1:24: stack overflow") {
		t.Errorf("got %s", got)
	}
}
