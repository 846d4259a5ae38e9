package gitignore

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestWalk(t *testing.T) {
	root := writeTree(t, map[string]string{
		".git/config":       "",
		".gitignore":        "/build/\n*.tmp\n!keep.tmp\n",
		"a.age":             "",
		"build/out.age":     "",
		"sub/b.tmp":         "",
		"sub/keep.tmp":      "",
		"sub/.gitignore":    "c.age\n",
		"sub/c.age":         "",
		"sub/deeper/d.yaml": "",
	})
	got := walked(t, root)
	want := []string{".gitignore", "a.age", "sub/.gitignore", "sub/deeper/d.yaml", "sub/keep.tmp"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("visited %v, want %v", got, want)
	}
	// Outside a git work tree nothing is ignored but .git is still skipped.
	os.RemoveAll(filepath.Join(root, ".git"))
	got = nil
	Walk(root, func(p string, d fs.DirEntry) error { got = append(got, p); return nil })
	if len(got) != 8 {
		t.Errorf("without .git: %d files visited, want 8", len(got))
	}
	if err := Walk(filepath.Join(root, "missing"), func(string, fs.DirEntry) error { return nil }); err == nil {
		t.Error("a missing root is no error")
	}
}

// TestWalkLinkedWorkTree: in a linked work tree (git worktree add) or a
// submodule, .git is a file naming the git dir; the .gitignore files
// still apply.
func TestWalkLinkedWorkTree(t *testing.T) {
	root := writeTree(t, map[string]string{
		".git":            "gitdir: /elsewhere/.git/worktrees/x\n",
		".gitignore":      "old/\n",
		"a/secrets.nix":   "",
		"old/secrets.nix": "",
	})
	got := walked(t, root)
	want := []string{".git", ".gitignore", "a/secrets.nix"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("walk = %v, want %v", got, want)
	}
}

// TestWalkWhitelist: a .gitignore that ignores everything at the top and
// re-includes some directories (lafrenierejm/dotfiles: /* then !/nix/)
// keeps the files in those directories, as git does; a directory still
// excluded keeps its files out even when a later rule names them.
func TestWalkWhitelist(t *testing.T) {
	root := writeTree(t, map[string]string{
		".git/config":     "",
		".gitignore":      "/*\n!/.gitignore\n!/nix/\n/nix/nix.conf\n!/other/keep.nix\n",
		"flake.nix":       "",
		"nix/secrets.nix": "",
		"nix/nix.conf":    "",
		"nix/sub/a.nix":   "",
		"other/keep.nix":  "",
	})
	got := walked(t, root)
	want := []string{".gitignore", "nix/secrets.nix", "nix/sub/a.nix"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("walk = %v, want %v", got, want)
	}
	m := New(root)
	m.Enter(root)
	if !m.Ignored(filepath.Join(root, "other/keep.nix"), false) {
		t.Error("other/keep.nix: a file in an excluded directory is not re-included (git: 'It is not possible to re-include a file if a parent directory of that file is excluded')")
	}
}

// writeTree makes files (path -> content) in a new directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, data := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// walked is what Walk visits under root, relative and slash-separated.
func walked(t *testing.T, root string) []string {
	t.Helper()
	var got []string
	if err := Walk(root, func(p string, d fs.DirEntry) error {
		rel, _ := filepath.Rel(root, p)
		got = append(got, filepath.ToSlash(rel))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}
