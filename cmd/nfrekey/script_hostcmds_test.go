package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// The commands of the add-host/remove-host scripts (listed in scriptCmds):
//
//	fleet DIR                  copy fixtures/example (the example fleet) to DIR
//	treehash DIR               remember every path, mode, and every file's bytes and mtime under DIR
//	treesame DIR               DIR is as treehash recorded it (! : something changed)
//	opens KEY FILE...          `age -d -i KEY FILE` succeeds for each FILE (! : fails for each)
//	jsondelta OLD NEW ADD DEL ENTRY...
//	                           NEW (a rules JSON document, as nix-instantiate --eval --json prints
//	                           it) is OLD with the key of the public-key file ADD added to, and the
//	                           key of DEL removed from, the publicKeys of exactly the ENTRYs; "-"
//	                           for no key (keys compared as TYPE BASE64); every other entry and field is equal
//	jsonsame A B               the JSON values in files A and B are equal
//	immutable PATH...          chattr +i PATH (undone when the script ends, so cleanup works)

// scriptCondition answers the scripts' custom conditions:
//
//	[chattr]  chattr +i works here (needs CAP_LINUX_IMMUTABLE and a file system with the flag)
//	[strace]  strace can trace a child here (ptrace is allowed)
func scriptCondition(cond string) (bool, error) {
	switch cond {
	case "chattr":
		return chattrWorks(), nil
	case "strace":
		return exec.Command("strace", "-f", "-qq", "-o", os.DevNull, "true").Run() == nil, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

func chattrWorks() bool {
	dir, err := os.MkdirTemp("", "nfrekey-chattr-")
	if err != nil {
		return false
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "f")
	if os.WriteFile(p, nil, 0o644) != nil {
		return false
	}
	if exec.Command("chattr", "+i", p).Run() != nil {
		return false
	}
	// An immutable file must refuse even root, or the scripts prove nothing.
	refused := os.WriteFile(p, []byte("x"), 0o644) != nil
	return exec.Command("chattr", "-i", p).Run() == nil && refused
}

func cmdFleet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fleet DIR")
	}
	// The test binary runs in the package directory.
	src, err := filepath.Abs(filepath.Join("..", "..", "fixtures", "example"))
	ts.Check(err)
	dst := ts.MkAbs(args[0])
	ts.Check(os.CopyFS(dst, os.DirFS(src)))
	// ssh tools refuse private keys others can read.
	keys, err := filepath.Glob(filepath.Join(dst, "throwaway-keys", "*"))
	ts.Check(err)
	for _, k := range keys {
		if !strings.HasSuffix(k, ".pub") {
			ts.Check(os.Chmod(k, 0o600))
		}
	}
}

// treeDigest covers every entry under dir: its path and mode, and for a
// file its bytes and mtime, for a symlink its target. Directory mtimes are
// left out: a temp file created and removed again moves them without
// changing anything a user could see.
func treeDigest(ts *testscript.TestScript, dir string) string {
	root := ts.MkAbs(dir)
	var lines []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", filepath.ToSlash(rel), info.Mode())
		switch {
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			line += fmt.Sprintf(" %s %d", hex.EncodeToString(sum[:]), info.ModTime().UnixNano())
		case info.Mode()&fs.ModeSymlink != 0:
			t, err := os.Readlink(p)
			if err != nil {
				return err
			}
			line += " -> " + t
		}
		lines = append(lines, line)
		return nil
	})
	ts.Check(err)
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

func treeStampPath(ts *testscript.TestScript, dir string) string {
	return stampPath(ts, "tree:"+dir)
}

func cmdTreeHash(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: treehash DIR")
	}
	p := treeStampPath(ts, args[0])
	ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
	ts.Check(os.WriteFile(p, []byte(treeDigest(ts, args[0])), 0o644))
}

func cmdTreeSame(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: treesame DIR")
	}
	old, err := os.ReadFile(treeStampPath(ts, args[0]))
	ts.Check(err)
	now := treeDigest(ts, args[0])
	if same := string(old) == now; same == neg {
		if neg {
			ts.Fatalf("nothing under %s changed", args[0])
		}
		ts.Fatalf("%s changed:\n%s", args[0], lineDiff(string(old), now))
	}
}

// lineDiff lists the lines only one of a and b has, for a readable failure.
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

func cmdOpens(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: opens KEY FILE...")
	}
	for _, f := range args[1:] {
		out, err := exec.Command("age", "-d", "-i", ts.MkAbs(args[0]), ts.MkAbs(f)).CombinedOutput()
		switch {
		case err == nil && neg:
			ts.Fatalf("%s opens %s", args[0], f)
		case err != nil && !neg:
			ts.Fatalf("%s does not open %s: %v: %s", args[0], f, err, out)
		case err == nil && len(out) == 0:
			ts.Fatalf("%s decrypts to nothing", f)
		}
	}
}

func readJSON(ts *testscript.TestScript, name string) map[string]any {
	var v map[string]any
	data, err := os.ReadFile(ts.MkAbs(name))
	ts.Check(err)
	if err := json.Unmarshal(data, &v); err != nil {
		ts.Fatalf("%s: %v", name, err)
	}
	return v
}

// keyOf is the "TYPE BASE64" of a public-key file (its comment dropped),
// the form add-host writes into the rules.
func keyOf(ts *testscript.TestScript, name string) string {
	if name == "-" {
		return ""
	}
	f := strings.Fields(ts.ReadFile(name))
	if len(f) < 2 {
		ts.Fatalf("%s: not a public key", name)
	}
	return f[0] + " " + f[1]
}

func cmdJSONDelta(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 {
		ts.Fatalf("usage: jsondelta OLD NEW ADDKEYFILE|- DELKEYFILE|- ENTRY...")
	}
	before, after := readJSON(ts, args[0]), readJSON(ts, args[1])
	add, del := keyOf(ts, args[2]), keyOf(ts, args[3])
	entries := map[string]bool{}
	for _, e := range args[4:] {
		if _, ok := before[e]; !ok {
			ts.Fatalf("%s has no entry %q", args[0], e)
		}
		entries[e] = true
	}
	if len(before) != len(after) {
		ts.Fatalf("%s has %d entries, %s %d", args[0], len(before), args[1], len(after))
	}
	for name, old := range before {
		nw, ok := after[name]
		if !ok {
			ts.Fatalf("%s lost entry %q", args[1], name)
		}
		if !entries[name] {
			if !reflect.DeepEqual(old, nw) {
				ts.Fatalf("entry %q changed, and it should not have:\n  %v\n  %v", name, old, nw)
			}
			continue
		}
		o, n := old.(map[string]any), nw.(map[string]any)
		want := keyList(ts, name, o["publicKeys"])
		if del != "" {
			i := indexOf(want, del)
			if i < 0 {
				ts.Fatalf("entry %q of %s does not hold the key to remove", name, args[0])
			}
			want = append(want[:i], want[i+1:]...)
		}
		if add != "" {
			want = append(want, add)
		}
		got := keyList(ts, name, n["publicKeys"])
		// A key read from a .pub file keeps its comment and newline:
		// compare the affected entries' keys as TYPE BASE64.
		want, got = bareKeys(want), bareKeys(got)
		sort.Strings(want)
		sort.Strings(got)
		if !reflect.DeepEqual(want, got) {
			ts.Fatalf("entry %q: publicKeys\n  got  %q\n  want %q", name, got, want)
		}
		for k := range mergeKeys(o, n) {
			if k != "publicKeys" && !reflect.DeepEqual(o[k], n[k]) {
				ts.Fatalf("entry %q: field %s changed: %v -> %v", name, k, o[k], n[k])
			}
		}
	}
}

func keyList(ts *testscript.TestScript, entry string, v any) []string {
	l, ok := v.([]any)
	if !ok {
		ts.Fatalf("entry %q: publicKeys is %T, not a list", entry, v)
	}
	var out []string
	for _, e := range l {
		s, ok := e.(string)
		if !ok {
			ts.Fatalf("entry %q: a publicKeys element is %T", entry, e)
		}
		out = append(out, s)
	}
	return out
}

func indexOf(l []string, s string) int {
	for i, e := range l {
		if bareKey(e) == s {
			return i
		}
	}
	return -1
}

func bareKey(k string) string {
	if f := strings.Fields(k); len(f) >= 2 {
		return f[0] + " " + f[1]
	}
	return k
}

func bareKeys(l []string) []string {
	out := make([]string, len(l))
	for i, k := range l {
		out[i] = bareKey(k)
	}
	return out
}

func mergeKeys(a, b map[string]any) map[string]bool {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

func cmdJSONSame(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: jsonsame A B")
	}
	if same := reflect.DeepEqual(readJSON(ts, args[0]), readJSON(ts, args[1])); same == neg {
		ts.Fatalf("%s and %s as JSON: same=%v", args[0], args[1], same)
	}
}

func cmdImmutable(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: immutable PATH...")
	}
	for _, a := range args {
		p := ts.MkAbs(a)
		if out, err := exec.Command("chattr", "+i", p).CombinedOutput(); err != nil {
			ts.Fatalf("chattr +i %s: %v: %s", a, err, out)
		}
		// Without this the work directory could not be removed.
		ts.Defer(func() { exec.Command("chattr", "-i", p).Run() })
	}
}
