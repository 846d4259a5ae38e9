package sopsyaml

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the goldens of testdata/*.txtar")

// corpusCase is one testdata/*.txtar: a .sops.yaml, the edits asked in
// `args`, and for each edit its golden result or expected error.
type corpusCase struct {
	path    string
	ar      *txtar.Archive
	src     []byte
	add     *AddRequest
	remove  string
	crlf    bool
	noEOL   bool // the file's last line has no newline (txtar adds one)
	section map[string][]byte
}

func loadCase(t *testing.T, path string) *corpusCase {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cc := &corpusCase{path: path, ar: ar, section: map[string][]byte{}}
	for _, f := range ar.Files {
		cc.section[f.Name] = f.Data
	}
	cc.src = cc.section[".sops.yaml"]
	for _, line := range strings.Split(string(cc.section["args"]), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "add":
			cc.add = &AddRequest{Name: f[1], Recipient: strings.Join(f[2:], " ")}
		case "group":
			cc.add.Groups = append(cc.add.Groups, strings.TrimPrefix(line, "group "))
		case "secret":
			cc.add.Secrets = append(cc.add.Secrets, f[1])
		case "replace":
			cc.add.Replace = true
		case "remove":
			cc.remove = f[1]
		case "crlf":
			cc.crlf = true
		case "no-final-newline":
			cc.noEOL = true
		default:
			t.Fatalf("%s: unknown arg %q", path, line)
		}
	}
	if cc.crlf {
		cc.src = toCRLF(cc.src)
	}
	if cc.noEOL {
		cc.src = bytes.TrimSuffix(cc.src, []byte("\n"))
	}
	return cc
}

func toCRLF(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }

// check compares got (or err) with the golden section NAME.golden or
// NAME.error, or records it under -update.
func (cc *corpusCase) check(t *testing.T, name string, got []byte, err error) {
	t.Helper()
	var kind string
	var out []byte
	if err != nil {
		kind, out = name+".error", []byte(err.Error()+"\n")
	} else {
		kind, out = name+".golden", got
		if cc.crlf {
			if bytes.Contains(bytes.ReplaceAll(got, []byte("\r\n"), nil), []byte("\n")) {
				t.Errorf("%s: a bare LF in a CRLF file:\n%q", name, got)
			}
			out = bytes.ReplaceAll(got, []byte("\r\n"), []byte("\n"))
		}
		if cc.noEOL {
			if bytes.HasSuffix(got, []byte("\n")) {
				t.Errorf("%s: a final newline appeared", name)
			}
			out = append(bytes.Clone(out), '\n')
		}
	}
	if *update {
		cc.set(kind, out)
		return
	}
	want, ok := cc.section[kind]
	if !ok {
		if err != nil {
			t.Fatalf("%s: unexpected error: %v", name, err)
		}
		t.Fatalf("%s: no %s section; got:\n%s", name, kind, got)
	}
	if !bytes.Equal(want, out) {
		t.Errorf("%s: got\n%s\nwant\n%s", kind, out, want)
	}
}

func (cc *corpusCase) set(name string, data []byte) {
	for _, drop := range []string{strings.TrimSuffix(strings.TrimSuffix(name, ".golden"), ".error")} {
		var keep []txtar.File
		for _, f := range cc.ar.Files {
			if f.Name != drop+".golden" && f.Name != drop+".error" {
				keep = append(keep, f)
			}
		}
		cc.ar.Files = keep
	}
	cc.ar.Files = append(cc.ar.Files, txtar.File{Name: name, Data: data})
	if err := os.WriteFile(cc.path, txtar.Format(cc.ar), 0o644); err != nil {
		panic(err)
	}
}

func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) < 15 {
		t.Fatalf("want at least 15 corpus files, have %d (%v)", len(files), err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			cc := loadCase(t, path)
			c, err := Parse(".sops.yaml", cc.src)
			if err != nil || cc.section["parse.error"] != nil {
				cc.check(t, "parse", nil, err)
				return
			}
			if cc.add == nil && cc.remove == "" {
				t.Fatal("args: nothing to do")
			}
			if cc.add != nil {
				res, err := c.AddHost(*cc.add)
				cc.check(t, "add", resultBytes(res), err)
				if err == nil {
					checkAddRoundTrip(t, cc, c, res)
				}
			}
			if cc.remove != "" {
				res, err := c.RemoveHost(cc.remove)
				cc.check(t, "remove", resultBytes(res), err)
				if err == nil {
					onlyHostLines(t, res.New, cc.src, cc.remove, c)
					c2, err := Parse(".sops.yaml", res.New)
					if err != nil {
						t.Fatal(err)
					}
					if _, err := c2.RemoveHost(cc.remove); err == nil || !strings.Contains(err.Error(), "no host") {
						t.Errorf("removing twice: want a no-host error, got %v", err)
					}
				}
			}
		})
	}
}

func resultBytes(r *Result) []byte {
	if r == nil {
		return nil
	}
	return r.New
}

// checkAddRoundTrip: adding again is a no-op, and removing the new host
// restores the original bytes (when the host was new).
func checkAddRoundTrip(t *testing.T, cc *corpusCase, c *Config, res *Result) {
	t.Helper()
	c2, err := Parse(".sops.yaml", res.New)
	if err != nil {
		t.Fatalf("re-parse after add: %v", err)
	}
	again, err := c2.AddHost(*cc.add)
	if err != nil {
		t.Fatalf("second add: %v", err)
	}
	if !again.Unchanged || !bytes.Equal(again.New, res.New) {
		t.Errorf("second add changed the file:\n%s", again.New)
	}
	if res.Unchanged || c.keyDef(cc.add.Name) != nil {
		return
	}
	onlyHostLines(t, cc.src, res.New, cc.add.Name, c2)
	back, err := c2.RemoveHost(cc.add.Name)
	if err != nil {
		t.Fatalf("remove after add: %v", err)
	}
	if !bytes.Equal(back.New, cc.src) {
		t.Errorf("add then remove does not restore the bytes:\n%s", back.New)
	}
}

// onlyHostLines: every line of b (the side with the host) that a lacks
// names the host or holds its key, as `git diff` would show it.
func onlyHostLines(t *testing.T, a, b []byte, name string, c *Config) {
	t.Helper()
	marks := []string{name}
	if d := c.keyDef(name); d != nil {
		marks = append(marks, d.Value)
	}
	for _, r := range c.Rules {
		for _, g := range r.Groups {
			for _, k := range g.Age {
				if k.Name == name {
					marks = append(marks, k.Value)
				}
			}
		}
	}
	count := func(x []byte) map[string]int {
		m := map[string]int{}
		// Line ends and a byte order mark are not what a diff is about.
		for _, l := range strings.Split(string(x), "\n") {
			m[strings.TrimPrefix(strings.TrimSuffix(l, "\r"), "\ufeff")]++
		}
		return m
	}
	ca, cb := count(a), count(b)
	// a is the side without the host: its changed lines are modified
	// lines, paired with the host side's, which must all concern the host.
	added, dropped := 0, 0
	for l, n := range cb {
		if n > ca[l] {
			added += n - ca[l]
			// An anchored list the host was alone in stays, emptied:
			// `- &users` on the host side is `- &users []` without it.
			emptied := strings.TrimSuffix(l, "\r") + " []"
			// A keys: or age: line the host's key was alone under goes
			// with it (startKeys, startAgeBesidePGP).
			own := strings.TrimSpace(l) == "keys:" || strings.TrimSpace(l) == "age:"
			// A folded key string's line gains or loses only its comma.
			comma := ca[strings.TrimSuffix(l, ",")] > 0 || ca[l+","] > 0
			if !containsAny(l, marks) && !own && !comma && ca[emptied] == 0 && ca[emptied+"\r"] == 0 {
				t.Errorf("changed line does not concern %s: %q", name, l)
			}
		}
	}
	for l, n := range ca {
		if n > cb[l] {
			dropped += n - cb[l]
		}
	}
	if dropped > added {
		t.Errorf("%d lines lost, only %d concern %s", dropped, added, name)
	}
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
