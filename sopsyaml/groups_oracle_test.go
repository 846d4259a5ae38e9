package sopsyaml

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// regexExample builds a string the regexp matches (first alternative,
// fewest repetitions), or "" with ok=false for constructs it skips.
func regexExample(rx string) (string, bool) {
	re, err := syntax.Parse(rx, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	var gen func(*syntax.Regexp) bool
	gen = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpLiteral:
			b.WriteString(string(r.Rune))
		case syntax.OpCharClass:
			if len(r.Rune) == 0 {
				return false
			}
			lo := r.Rune[0]
			if lo < 'a' && r.Rune[1] >= 'a' {
				lo = 'a'
			}
			b.WriteRune(lo)
		case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
			b.WriteByte('x')
		case syntax.OpConcat, syntax.OpCapture:
			for _, s := range r.Sub {
				if !gen(s) {
					return false
				}
			}
		case syntax.OpAlternate:
			return gen(r.Sub[0])
		case syntax.OpPlus:
			return gen(r.Sub[0])
		case syntax.OpRepeat:
			for i := 0; i < r.Min; i++ {
				if !gen(r.Sub[0]) {
					return false
				}
			}
		case syntax.OpStar, syntax.OpQuest, syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine,
			syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		default:
			return false
		}
		return true
	}
	if !gen(re) {
		return "", false
	}
	// A file name, not a directory: the rules' examples must be files.
	out := b.String()
	if out == "" || strings.HasSuffix(out, "/") {
		out += "f"
	}
	return out, true
}

// TestGroupsOracle checks, with the real sops, that the key groups this
// package resolves for every rule of every corpus file and golden are the
// ones sops encrypts to: for each rule, a path it matches first is
// encrypted with that file as the config, and the metadata's recipients
// compared group by group. Files sops cannot use here (pgp, plugin or
// fake post-quantum keys) are skipped, but most must be checked.
func TestGroupsOracle(t *testing.T) {
	sops := peer.Need(t, "sops")
	files, _ := filepath.Glob("testdata/*.txtar")
	checked, skipped := 0, 0
	for _, path := range files {
		cc := loadCase(t, path)
		for _, name := range []string{".sops.yaml", "add.golden", "remove.golden"} {
			src, ok := cc.section[name]
			if !ok {
				continue
			}
			c, err := Parse("f", src)
			if err != nil || c.Generated != "" {
				continue
			}
			for i, r := range c.Rules {
				p := "some/file.yaml"
				if r.PathRegex != "" {
					if p, ok = regexExample(r.PathRegex); !ok {
						skipped++
						continue
					}
				}
				if m, ok := c.Match(p); !ok || m.Index != i {
					skipped++
					continue
				}
				got, ok := sopsGroups(t, sops, src, p)
				if !ok {
					skipped++
					continue
				}
				var want [][]string
				for _, g := range r.Groups {
					want = append(want, keyValues(g.Age))
				}
				if !sameGroups(got, want) {
					t.Errorf("%s %s rule %d (%s): sops encrypted to %v, we resolve %v", path, name, i, p, got, want)
				}
				checked++
			}
		}
	}
	t.Logf("%d rules checked against sops, %d skipped", checked, skipped)
	if checked < 30 {
		t.Errorf("only %d rules checked against sops", checked)
	}
}

func sopsGroups(t *testing.T, sops string, config []byte, rel string) ([][]string, bool) {
	dir := t.TempDir()
	full := filepath.Join(dir, filepath.FromSlash(rel))
	if os.MkdirAll(filepath.Dir(full), 0o755) != nil || os.WriteFile(full, []byte("a: b\n"), 0o644) != nil ||
		os.WriteFile(filepath.Join(dir, ".sops.yaml"), config, 0o644) != nil {
		return nil, false
	}
	cmd := exec.Command(sops, "--input-type", "yaml", "--output-type", "yaml", "-e", rel)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SOPS_AGE_KEY=", "SOPS_AGE_KEY_FILE=/nonexistent", "GNUPGHOME="+dir)
	out, err := cmd.Output()
	if err != nil {
		return nil, false
	}
	type ageStanza struct{ Recipient string }
	var doc struct {
		Sops struct {
			Age       []ageStanza `yaml:"age"`
			KeyGroups []struct {
				Age []ageStanza `yaml:"age"`
			} `yaml:"key_groups"`
		} `yaml:"sops"`
	}
	if err := yaml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("sops output: %v", err)
	}
	var groups [][]string
	if len(doc.Sops.KeyGroups) == 0 {
		doc.Sops.KeyGroups = append(doc.Sops.KeyGroups, struct {
			Age []ageStanza `yaml:"age"`
		}{doc.Sops.Age})
	}
	for _, g := range doc.Sops.KeyGroups {
		var ks []string
		for _, a := range g.Age {
			ks = append(ks, a.Recipient)
		}
		groups = append(groups, ks)
	}
	return groups, true
}

func sameGroups(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := slices.Clone(a[i]), slices.Clone(b[i])
		sort.Strings(x)
		sort.Strings(y)
		if !slices.Equal(x, y) && !(len(x) == 0 && len(y) == 0) {
			return false
		}
	}
	return true
}
