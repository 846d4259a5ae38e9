package nixedit

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/nfrekey/nfrekey/internal/peer"
	sn "github.com/nfrekey/nfrekey/secretsnix"
)

var update = flag.Bool("update", false, "rewrite the want/ sections of the goldens")

// request is a golden's request.json.
type request struct {
	Op      string   `json:"op"` // add (default) or remove
	Name    string   `json:"name"`
	Key     string   `json:"key"`
	Groups  []string `json:"groups"`
	Secrets []string `json:"secrets"`
	Replace bool     `json:"replace"`
	// Affected is the secrets the key must be added to (checked with nix).
	Affected []string `json:"affected"`
}

// A golden is a txtar: request.json, the tree under in/, and either the
// files expected to change under want/ (a file "want/X.deleted" means X
// is deleted) or the expected error text in "error".
func TestGoldens(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			runGolden(t, p)
		})
	}
}

// TestGoldenCount: the brief asks for at least 15 shapes.
func TestGoldenCount(t *testing.T) {
	if paths, _ := filepath.Glob("testdata/*.txtar"); len(paths) < 15 {
		t.Fatalf("only %d goldens", len(paths))
	}
}

func runGolden(t *testing.T, golden string) {
	ar, err := txtar.ParseFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var req request
	var wantErr string
	hasErr := false
	want := map[string][]byte{}
	dir := t.TempDir()
	for _, f := range ar.Files {
		switch {
		case f.Name == "request.json":
			if err := json.Unmarshal(f.Data, &req); err != nil {
				t.Fatal(err)
			}
		case f.Name == "error":
			wantErr, hasErr = strings.TrimSpace(string(f.Data)), true
		case strings.HasPrefix(f.Name, "in/"):
			p := filepath.Join(dir, f.Name[3:])
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.WriteFile(p, crlf(f.Name, f.Data), 0o644))
		case strings.HasPrefix(f.Name, "want/"):
			want[f.Name[5:]] = crlf(f.Name, f.Data)
		}
	}
	orig := snapshot(t, dir)
	rules := filepath.Join(dir, "secrets.nix")
	var res *Result
	if req.Op == "remove" {
		res, err = Remove(RemoveRequest{RulesFile: rules, Name: req.Name})
	} else {
		res, err = Add(AddRequest{RulesFile: rules, Name: req.Name, Key: req.Key, Groups: req.Groups, Secrets: req.Secrets, Replace: req.Replace})
	}
	if hasErr || (*update && err != nil) {
		if err == nil {
			t.Fatalf("no error, want %q", wantErr)
		}
		got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
		if *update {
			rewrite(t, golden, ar, nil, got)
			return
		}
		if !strings.Contains(got, wantErr) {
			t.Fatalf("error\n  %s\nwant it to contain\n  %s", got, wantErr)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, e := range res.Edits {
		rel, _ := filepath.Rel(dir, e.Path)
		if e.New == nil {
			got[rel+".deleted"] = []byte{}
		} else {
			got[rel] = e.New
		}
	}
	if *update {
		rewrite(t, golden, ar, got, "")
		return
	}
	if len(got) != len(want) {
		t.Errorf("edited files %v, want %v", keys(got), keys(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || !bytes.Equal(g, w) {
			t.Errorf("%s:\n%s\nwant\n%s", name, g, w)
		}
	}
	if !reflect.DeepEqual(snapshot(t, dir), orig) {
		t.Fatal("the disk changed")
	}
	// Written out, the edit is what nix evaluates too; then nfrekey's own
	// remove-host (or add-host, for a remove golden) restores the bytes.
	writeEdits(t, res.Edits)
	if req.Op != "remove" && req.Key != "" {
		nixCheck(t, orig, dir, req, res)
		again, err := Add(AddRequest{RulesFile: rules, Name: req.Name, Key: req.Key, Groups: req.Groups, Secrets: req.Secrets, Replace: req.Replace})
		if err != nil {
			t.Fatalf("add again: %v", err)
		}
		if !again.Unchanged || len(again.Edits) != 0 {
			t.Fatalf("add again is not Unchanged: %d edits", len(again.Edits))
		}
		if !req.Replace && !res.Unchanged {
			back, err := Remove(RemoveRequest{RulesFile: rules, Name: req.Name})
			if err != nil {
				t.Fatalf("remove after add: %v", err)
			}
			writeEdits(t, back.Edits)
			if got := snapshot(t, dir); !reflect.DeepEqual(got, orig) {
				t.Fatalf("remove after add is not the original:\n%s", diffTrees(orig, got))
			}
		}
	}
}

func crlf(name string, data []byte) []byte {
	if strings.Contains(name, "crlf") {
		return bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	}
	return data
}

func rewrite(t *testing.T, golden string, ar *txtar.Archive, got map[string][]byte, errText string) {
	var files []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") && f.Name != "error" {
			files = append(files, f)
		}
	}
	if got == nil {
		files = append(files, txtar.File{Name: "error", Data: []byte(errText + "\n")})
	}
	for _, k := range keys(got) {
		name := "want/" + k
		data := got[k]
		if strings.Contains(name, "crlf") {
			data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		}
		files = append(files, txtar.File{Name: name, Data: data})
	}
	ar.Files = files
	must(t, os.WriteFile(golden, txtar.Format(ar), 0o644))
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func snapshot(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	must(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(data)
		return err
	}))
	return out
}

func diffTrees(a, b map[string]string) string {
	var s strings.Builder
	for k, v := range a {
		if b[k] != v {
			s.WriteString(k + ":\n" + v + "\n---- now ----\n" + b[k] + "\n")
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			s.WriteString(k + ": created\n")
		}
	}
	return s.String()
}

func writeEdits(t *testing.T, edits []Edit) {
	for _, e := range edits {
		if e.New == nil {
			must(t, os.Remove(e.Path))
			continue
		}
		must(t, os.WriteFile(e.Path, e.New, 0o644))
	}
}

// nixCheck evaluates the original tree and the edited one with
// nix-instantiate: the edited value is the original with the key added
// to exactly the expected secrets (replaced, with Replace).
func nixCheck(t *testing.T, orig map[string]string, dir string, req request, res *Result) {
	nix := peer.Need(t, "nix-instantiate")
	odir := t.TempDir()
	for name, data := range orig {
		p := filepath.Join(odir, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(data), 0o644))
	}
	before := nixEval(t, nix, filepath.Join(odir, "secrets.nix"))
	after := nixEval(t, nix, filepath.Join(dir, "secrets.nix"))
	affected := req.Affected
	for name, e := range before {
		entry := e.(map[string]any)
		if contains(affected, name) {
			var keys []any
			for _, k := range entry["publicKeys"].([]any) {
				if res.OldKey == "" || canon(k.(string)) != res.OldKey {
					keys = append(keys, k)
				}
			}
			entry["publicKeys"] = keys
		}
	}
	for name, e := range after {
		entry := e.(map[string]any)
		if !contains(affected, name) {
			continue
		}
		var keys []any
		n := 0
		for _, k := range entry["publicKeys"].([]any) {
			if canon(k.(string)) == req.Key {
				n++
				continue
			}
			keys = append(keys, k)
		}
		if n != 1 {
			t.Errorf("nix: %s has the new key %d times", name, n)
		}
		entry["publicKeys"] = keys
	}
	if !reflect.DeepEqual(sortKeys(before), sortKeys(after)) {
		t.Fatalf("nix: the edit changes more than the key in %v:\nbefore %v\nafter  %v", affected, before, after)
	}
	if !reflect.DeepEqual(res.Affected, affected) && !(len(res.Affected) == 0 && len(affected) == 0) {
		t.Errorf("Affected %v, want %v", res.Affected, affected)
	}
}

// sortKeys orders publicKeys: agenix treats them as a set, and an
// element appended to a shared list moves ahead of a secret's own.
func sortKeys(m map[string]any) map[string]any {
	for _, e := range m {
		entry := e.(map[string]any)
		if l, ok := entry["publicKeys"].([]any); ok {
			sort.Slice(l, func(i, j int) bool { return l[i].(string) < l[j].(string) })
		}
	}
	return m
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func nixEval(t *testing.T, nix, file string) map[string]any {
	state := t.TempDir()
	cmd := exec.Command(nix, "--eval", "--strict", "--json", file)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + state, "NIX_STATE_DIR=" + state + "/state",
		"NIX_CONF_DIR=" + state, "NIX_LOG_DIR=" + state + "/log", "NIX_PATH=", "XDG_CACHE_HOME=" + state + "/cache", "LC_ALL=C"}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nix-instantiate %s: %v: %s", file, err, stderr.String())
	}
	var v map[string]any
	must(t, json.Unmarshal(out, &v))
	return v
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var _ = sn.Options{}
