package nixedit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/internal/peer"
	"github.com/nfrekey/nfrekey/internal/textedit"
	sn "github.com/nfrekey/nfrekey/secretsnix"
)

const propKey = `"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPropPropPropPropPropPropPropPropPropPro"`

// TestCorpusListInsert is the property test over the secretsnix corpus:
// inserting a key into any list literal, as add-host does, leaves a file
// that re-parses with every other byte in place; with the key inserted in
// every list of a file at once, the native evaluation equals nix's. One
// nix call per file bounds the run (~50 calls).
func TestCorpusListInsert(t *testing.T) {
	peer.Need(t, "nix-instantiate")
	// EvalFile's UseNix runs nix-instantiate in this environment: keep
	// its state out of the developer's home and /nix/var.
	state := t.TempDir()
	for k, v := range map[string]string{"HOME": state, "XDG_CACHE_HOME": state + "/cache", "NIX_STATE_DIR": state + "/state",
		"NIX_CONF_DIR": state, "NIX_LOG_DIR": state + "/log", "NIX_PATH": ""} {
		t.Setenv(k, v)
	}
	var cases [][2]string // entry file, the directory a case owns
	for _, kind := range []string{"../testdata/corpus/valid", "../testdata/rules"} {
		ents, err := os.ReadDir(kind)
		must(t, err)
		for _, e := range ents {
			p, _ := filepath.Abs(filepath.Join(kind, e.Name()))
			if e.IsDir() {
				cases = append(cases, [2]string{filepath.Join(p, "secrets.nix"), p})
			} else if strings.HasSuffix(e.Name(), ".nix") {
				cases = append(cases, [2]string{p, ""})
			}
		}
	}
	lists := 0
	for _, c := range cases {
		entry, dir := c[0], c[1]
		files := []string{entry}
		if dir != "" {
			files = nil
			must(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
				if err == nil && strings.HasSuffix(p, ".nix") {
					files = append(files, p)
				}
				return err
			}))
		}
		for _, file := range files {
			name, _ := filepath.Rel(filepath.Dir(entry), file)
			t.Run(filepath.Base(filepath.Dir(entry))+"/"+filepath.Base(entry)+"/"+name, func(t *testing.T) {
				lists += checkFileLists(t, entry, dir, file)
			})
		}
	}
	t.Logf("%d list literals edited", lists)
	if lists < 50 {
		t.Fatalf("only %d list literals in the corpus", lists)
	}
}

func checkFileLists(t *testing.T, entry, dir, file string) int {
	data, err := os.ReadFile(file)
	must(t, err)
	f, err := sn.Parse(file, string(data))
	if err != nil {
		return 0 // a file the corpus keeps unparsed (a helper read as data)
	}
	var ls []*sn.ListLit
	walk(f.Root, nil, func(n, _ sn.Node) {
		if l, ok := n.(*sn.ListLit); ok {
			ls = append(ls, l)
		}
	})
	if len(ls) == 0 {
		return 0
	}
	all := &source{path: file, name: file, src: string(data), f: f}
	for _, l := range ls {
		one := &source{path: file, name: file, src: string(data), f: f}
		addElem(one, l, propKey)
		addElem(all, l, propKey)
		edited, err := textedit.Apply(data, one.edits)
		must(t, err)
		if err := textedit.Check(data, edited, one.edits); err != nil {
			t.Fatal(err)
		}
		g, err := sn.Parse(file, string(edited))
		if err != nil {
			t.Fatalf("list at byte %d: the edited file does not parse: %v\n%s", nodeStart(one, l), err, edited)
		}
		// The list gained exactly one element, the key.
		if n := countLists(g); n != len(ls) {
			t.Fatalf("list count %d, want %d", n, len(ls))
		}
	}
	edited, err := textedit.Apply(data, all.edits)
	must(t, err)
	if err := textedit.Check(data, edited, all.edits); err != nil {
		t.Fatal(err)
	}
	if _, err := sn.Parse(file, string(edited)); err != nil {
		t.Fatalf("all lists edited: does not parse: %v", err)
	}
	native, nerr := sn.EvalFile(entry, sn.Options{Overlay: map[string][]byte{file: edited}})
	// nix evaluates a copy with the file replaced.
	tmp := t.TempDir()
	base := dir
	if base == "" {
		base = filepath.Dir(entry)
	}
	copyTree(t, base, tmp, dir == "")
	rel, _ := filepath.Rel(base, file)
	must(t, os.WriteFile(filepath.Join(tmp, rel), edited, 0o644))
	erel, _ := filepath.Rel(base, entry)
	viaNix, xerr := sn.EvalFile(filepath.Join(tmp, erel), sn.Options{UseNix: true})
	if (nerr == nil) != (xerr == nil) {
		t.Fatalf("native error %v, nix error %v", nerr, xerr)
	}
	if nerr == nil && !reflect.DeepEqual(relPaths(native, base), relPaths(viaNix, tmp)) {
		t.Fatalf("native %v\nnix    %v", native, viaNix)
	}
	return len(ls)
}

func countLists(f *sn.File) int {
	n := 0
	walk(f.Root, nil, func(x, _ sn.Node) {
		if _, ok := x.(*sn.ListLit); ok {
			n++
		}
	})
	return n
}

// copyTree copies a case's directory (only its files when flat: a corpus
// directory of single-file cases that may import each other).
func copyTree(t *testing.T, from, to string, flat bool) {
	must(t, filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			if flat && rel != "." {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if info.Mode()&os.ModeSymlink != 0 {
			// readDir types entries: a symlink must stay one in the copy.
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, filepath.Join(to, rel))
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	}))
}

// relPaths makes the absolute paths in a value (native evaluation prints
// paths as file names) relative, so that two copies of a tree compare.
func relPaths(v any, dir string) any {
	switch x := v.(type) {
	case string:
		return strings.ReplaceAll(x, dir, "<dir>")
	case []any:
		for i := range x {
			x[i] = relPaths(x[i], dir)
		}
	case map[string]any:
		for k := range x {
			x[k] = relPaths(x[k], dir)
		}
	}
	return v
}
