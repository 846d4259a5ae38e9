package sopsyaml

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

func corpusSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range txtar.Parse(data).Files {
			if strings.HasSuffix(file.Name, ".yaml") || strings.HasSuffix(file.Name, ".golden") {
				f.Add(file.Data)
			}
		}
	}
	f.Add([]byte(twoRules))
	f.Add([]byte(oracleConfig()))
}

func FuzzParse(f *testing.F) {
	corpusSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("f", src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error is not an *Error: %T %v", err, err)
			}
			return
		}
		for _, p := range []string{"", "a", "secrets/x.yaml", "hosts/web1/k.env"} {
			if r, ok := c.Match(p); ok && (r.Index < 0 || r.Index >= len(c.Rules)) {
				t.Fatalf("Match returned rule %d of %d", r.Index, len(c.Rules))
			}
		}
	})
}

// FuzzEdit adds a host to each rule in turn and removes every anchor,
// checking each accepted edit independently of the package's own
// verification: sops' view of every rule changes by exactly the key, both
// as the mirror decodes it and as sops' own config package loads it.
func FuzzEdit(f *testing.F) {
	corpusSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("f", src)
		if err != nil {
			return
		}
		before, err := c.resolvedRules()
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		sopsBefore := make([][][]string, len(c.Rules))
		for j := range c.Rules {
			sopsBefore[j], _ = sopsKeys(dir, src, c, j)
		}
		// sopsAfter checks rule by rule that sops' own loader reads the
		// edited file as ok says, where it could read the original.
		sopsAfter := func(what string, out []byte, c2 *Config, ok func(j int, b, a [][]string) bool) {
			for j := range c.Rules {
				if sopsBefore[j] == nil {
					continue
				}
				a, loaded := sopsKeys(dir, out, c2, j)
				if !loaded {
					t.Fatalf("%s: sops no longer loads rule %d:\n%s", what, j, out)
				}
				if !ok(j, sopsBefore[j], a) {
					t.Fatalf("%s: sops reads rule %d as %v, was %v:\n%s", what, j, a, sopsBefore[j], out)
				}
			}
		}
		for i, r := range c.Rules {
			req := AddRequest{Name: "fuzzhost", Recipient: kNew, Groups: []string{r.PathRegex}}
			if r.PathRegex == "" {
				req.Groups, req.Secrets = nil, []string{"zz-no-rule-matches-this-path-first"}
			}
			res, err := c.AddHost(req)
			if err != nil {
				continue
			}
			c2, err := Parse("f", res.New)
			if err != nil {
				t.Fatalf("accepted edit does not parse: %v\n%s", err, res.New)
			}
			after, _ := c2.resolvedRules()
			for j := range before {
				want := before[j]
				if slices.Contains(res.Rules, j) {
					want = expectAdd([]resolved{before[j]}, map[int]int{0: groupWith(after[j], "age:"+kNew)}, "age:"+kNew)[0]
				}
				if !equalGroups(after[j], want) {
					t.Fatalf("rule %d (asked %d): %v -> %v\n%s", j, i, before[j], after[j], res.New)
				}
			}
			sopsAfter(fmt.Sprintf("add to rule %d", i), res.New, c2, func(j int, b, a [][]string) bool {
				return gainedOnly(b, a, "age:"+kNew, slices.Contains(res.Rules, j))
			})
			// Removal takes every copy of the key: bytes come back only when
			// the key was nowhere before.
			if !res.Unchanged && c.keyDef("fuzzhost") == nil && !bytes.Contains(src, []byte(kNew)) {
				back, err := c2.RemoveHost("fuzzhost")
				if err != nil {
					t.Fatalf("remove after add: %v\n%s", err, res.New)
				}
				if !bytes.Equal(back.New, src) {
					t.Fatalf("add+remove changed the bytes:\n%q\n%q", src, back.New)
				}
			}
		}
		for _, d := range c.Keys {
			res, err := c.RemoveHost(d.Anchor)
			if err != nil {
				continue
			}
			c2, err := Parse("f", res.New)
			if err != nil {
				t.Fatalf("accepted removal does not parse: %v\n%s", err, res.New)
			}
			if c2.keyDef(d.Anchor) != nil {
				t.Fatalf("&%s still defined:\n%s", d.Anchor, res.New)
			}
			// A key another anchor also holds may stay where that one grants it.
			shared := slices.ContainsFunc(c.Keys, func(o KeyDef) bool { return o.Anchor != d.Anchor && o.Value == d.Value })
			sopsAfter("remove "+d.Anchor, res.New, c2, func(j int, b, a [][]string) bool {
				return lostOnly(b, a, "age:"+d.Value, shared)
			})
			after, _ := c2.resolvedRules()
			for j := range after {
				for _, g := range after[j] {
					if !shared && slices.Contains(g, "age:"+d.Value) {
						t.Fatalf("removed %s still in rule %d:\n%s", d.Anchor, j, res.New)
					}
				}
				if len(after[j]) != len(before[j]) {
					t.Fatalf("rule %d lost a group", j)
				}
			}
		}
	})
}

func groupWith(r resolved, tok string) int {
	for i, g := range r {
		if slices.Contains(g, tok) {
			return i
		}
	}
	return 0
}
