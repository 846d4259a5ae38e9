package nixedit

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

const fuzzKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFuzzFuzzFuzzFuzzFuzzFuzzFuzzFuzzFuzzFuz"

// FuzzAdd: on any rules file, Add never panics, and an edit it returns is
// right when checked independently: written to disk and evaluated again,
// every secret has the key exactly once more and nothing else changed;
// Remove then restores the original bytes.
func FuzzAdd(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			continue
		}
		for _, file := range ar.Files {
			if file.Name == "in/secrets.nix" {
				f.Add(string(file.Data), "web9")
			}
		}
	}
	// Key sets that are not a binding's value: the file's own root, a with.
	f.Add(`with { web1 = "ssh-ed25519 AAAAweb1"; }; { "a.age".publicKeys = [ web1 ]; }`, "web3")
	f.Add(`let h = { a = { k = "ssh-ed25519 AAAAa"; }; b = { k = "ssh-ed25519 AAAAb"; }; }; in { "x.age".publicKeys = [ h.a.k ]; "y" = { publicKeys = [ ]; }; }`, "c")
	f.Fuzz(func(t *testing.T, src, name string) {
		if len(src) > 1<<14 {
			return
		}
		dir := t.TempDir()
		rules := filepath.Join(dir, "secrets.nix")
		must(t, os.WriteFile(rules, []byte(src), 0o644))
		before, err := sn.LoadRules(rules, sn.Options{})
		if err != nil {
			return
		}
		res, err := Add(AddRequest{RulesFile: rules, Name: name, Key: fuzzKey, Secrets: []string{"*"}})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		if res.Unchanged {
			return
		}
		for _, e := range res.Edits {
			if !strings.HasPrefix(e.Path, dir) {
				t.Fatalf("edit outside the tree: %s", e.Path)
			}
		}
		writeEdits(t, res.Edits)
		after, err := sn.LoadRules(rules, sn.Options{})
		if err != nil {
			t.Fatalf("the edited rules do not evaluate: %v", err)
		}
		b, a := keySets(before), keySets(after)
		for s, bk := range b {
			added, removed := diff(bk, a[s])
			if ok, _ := path.Match("*", s); !ok {
				// "*" does not cross a "/": dev/x.age is not asked for.
				if len(added) > 0 || len(removed) > 0 {
					t.Fatalf("secret %s, not matched: added %v removed %v", s, added, removed)
				}
				continue
			}
			if len(removed) > 0 || bk.n(fuzzKey) == 0 && (len(added) != 1 || added[0] != fuzzKey) || bk.n(fuzzKey) > 0 && len(added) > 0 {
				t.Fatalf("secret %s: added %v removed %v", s, added, removed)
			}
		}
		if len(a) != len(b) {
			t.Fatalf("secrets %d, were %d", len(a), len(b))
		}
		back, err := Remove(RemoveRequest{RulesFile: rules, Name: name})
		if err != nil {
			return // a use remove refuses is not a wrong edit
		}
		writeEdits(t, back.Edits)
		data, _ := os.ReadFile(rules)
		if string(data) != src {
			t.Fatalf("remove after add:\n%s\nwant\n%s", data, src)
		}
	})
}
