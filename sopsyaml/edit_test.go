package sopsyaml

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

const kNew = "age1gyzef4pc3qxas7mkm4mptggm8efetjhe7w82u7kq4m9clnap2g9skz7ta6"

const twoRules = `keys:
  - &alice ` + kA + `
  - &web1 ` + kB + `
creation_rules:
  - path_regex: ^web/
    key_groups:
      - age:
          - *alice
          - *web1
  - path_regex: ^db/
    key_groups:
      - age:
          - *alice
`

func mustParse(t *testing.T, src string) *Config {
	t.Helper()
	c, err := Parse(".sops.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAddHostRequests(t *testing.T) {
	tests := []struct {
		name  string
		req   AddRequest
		rules []int
		err   string
	}{
		{"by group", AddRequest{Name: "web3", Recipient: kNew, Groups: []string{"^web/"}}, []int{0}, ""},
		{"by secret glob", AddRequest{Name: "web3", Recipient: kNew, Secrets: []string{"db/*.yaml"}}, []int{1}, ""},
		{"both", AddRequest{Name: "web3", Recipient: kNew, Groups: []string{"^web/"}, Secrets: []string{"db/[a-z]?.yaml"}}, []int{0, 1}, ""},
		{"definition only", AddRequest{Name: "web3", Recipient: kNew}, nil, ""},
		{"unknown group", AddRequest{Name: "web3", Recipient: kNew, Groups: []string{"web/"}}, nil, `--group "web/": no creation rule`},
		{"group names a key", AddRequest{Name: "web3", Recipient: kNew, Groups: []string{"alice"}}, nil, "is a key, not a list"},
		{"secret nobody governs", AddRequest{Name: "web3", Recipient: kNew, Secrets: []string{"other/x"}}, nil, "no creation rule matches"},
		{"bad name", AddRequest{Name: "web 3", Recipient: kNew}, nil, "cannot be a YAML anchor name"},
		{"bad key", AddRequest{Name: "web3", Recipient: "age1notakey"}, nil, "host web3"},
		{"key under another name", AddRequest{Name: "web3", Recipient: kB}, nil, "already declared as &web1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, twoRules)
			res, err := c.AddHost(tt.req)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || res != nil {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Rules, tt.rules) {
				t.Errorf("changed rules %v, want %v", res.Rules, tt.rules)
			}
			c2 := mustParse(t, string(res.New))
			if d := c2.keyDef("web3"); d == nil || d.Value != kNew {
				t.Errorf("no &web3 afterwards:\n%s", res.New)
			}
			for i, r := range c2.Rules {
				has := slices.Contains(keyValues(r.Groups[0].Age), kNew)
				if has != slices.Contains(tt.rules, i) {
					t.Errorf("rule %d has the key: %v", i, has)
				}
			}
		})
	}
}

func TestReplace(t *testing.T) {
	c := mustParse(t, twoRules)
	res, err := c.AddHost(AddRequest{Name: "web1", Recipient: kNew, Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.OldRecipient != kB || !slices.Equal(res.Rules, []int{0}) {
		t.Errorf("result = %+v", res)
	}
	if want := strings.Replace(twoRules, kB, kNew, 1); string(res.New) != want {
		t.Errorf("got\n%s", res.New)
	}
}

// TestVerifyRejects: wrong edits handed to verify are refused.
func TestVerifyRejects(t *testing.T) {
	c := mustParse(t, twoRules)
	before, err := c.resolvedRules()
	if err != nil {
		t.Fatal(err)
	}
	want := expectAdd(before, map[int]int{1: 0}, "age:"+kB) // web1 into rule 1 only
	src := []byte(twoRules)
	at := bytes.LastIndex(src, []byte("*alice\n")) + len("*alice\n")
	good := splice{at, at, "          - *web1\n"}
	for _, tt := range []struct {
		name string
		sp   []splice
		out  func([]byte) []byte
	}{
		{"granted to the wrong rule", []splice{{bytes.Index(src, []byte("*web1\n")) + 6, bytes.Index(src, []byte("*web1\n")) + 6, "          - *web1\n"}}, nil},
		{"a byte changed outside", []splice{good}, func(b []byte) []byte { return bytes.Replace(b, []byte("^db/"), []byte("^dB/"), 1) }},
		{"a rule changed besides keys", []splice{good, {bytes.Index(src, []byte("^db/")), bytes.Index(src, []byte("^db/")) + 4, "^dc/"}}, nil},
		{"broken YAML", []splice{good, {at, at, "  : ]\n"}}, nil},
	} {
		out, err := applySplices(src, tt.sp)
		if err != nil {
			t.Fatal(err)
		}
		if tt.out != nil {
			out = tt.out(out)
		}
		if _, _, err := c.verify(out, tt.sp, want); err == nil {
			t.Errorf("%s: accepted:\n%s", tt.name, out)
		}
	}
	out, _ := applySplices(src, []splice{good})
	if _, changed, err := c.verify(out, []splice{good}, want); err != nil || !slices.Equal(changed, []int{1}) {
		t.Errorf("the right edit: %v %v", changed, err)
	}
}

func TestGlobExample(t *testing.T) {
	for glob, want := range map[string]string{
		"secrets/*.yaml":  "secrets/x.yaml",
		"hosts/**/k.yaml": "hosts/x/k.yaml",
		"a/[bc]?.env":     "a/bx.env",
		"a/[!b].env":      "a/x.env",
		`lit\*eral`:       "lit*eral",
		"plain/path.yaml": "plain/path.yaml",
	} {
		if got := globExample(glob); got != want {
			t.Errorf("globExample(%q) = %q, want %q", glob, got, want)
		}
	}
}

func TestAnchorInRule(t *testing.T) {
	src := "keys:\n  - &alice " + kA + "\ncreation_rules:\n  - path_regex: ^a/\n    age:\n      - &web1 " + kB + "\n      - *alice\n  - path_regex: ^b/\n    age:\n      - *web1\n"
	c := mustParse(t, src)
	if _, err := c.AddHost(AddRequest{Name: "web1", Recipient: kNew, Groups: []string{"^b/"}}); err == nil || !strings.Contains(err.Error(), "already an anchor") {
		t.Errorf("add over an anchor outside keys: %v", err)
	}
	res, err := c.RemoveHost("web1")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(strings.Replace(src, "      - &web1 "+kB+"\n", "", 1), "    age:\n      - *web1\n", "    age:\n", 1)
	if string(res.New) != want {
		t.Errorf("got\n%s\nwant\n%s", res.New, want)
	}
}

func TestSharedListAllChosen(t *testing.T) {
	src := "keys:\n  - &alice " + kA + "\ncreation_rules:\n  - path_regex: ^a/\n    age: &all\n      - *alice\n  - path_regex: ^b/\n    age: *all\n  - path_regex: ^c/\n    age: [*alice]\n"
	c := mustParse(t, src)
	// Every rule sharing &all is asked for: editing the list grants no more.
	res, err := c.AddHost(AddRequest{Name: "web3", Recipient: kNew, Secrets: []string{"a/x", "b/y"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Rules, []int{0, 1}) || strings.Count(string(res.New), "*web3") != 1 {
		t.Errorf("rules %v:\n%s", res.Rules, res.New)
	}
	if _, err := c.AddHost(AddRequest{Name: "web3", Recipient: kNew, Secrets: []string{"b/y"}}); err == nil || !strings.Contains(err.Error(), "shared with rules [1]") {
		t.Errorf("one of two sharing rules: %v", err)
	}
}

func TestAddExistingHostToAnotherRule(t *testing.T) {
	c := mustParse(t, twoRules)
	res, err := c.AddHost(AddRequest{Name: "web1", Recipient: kB, Groups: []string{"^db/"}})
	if err != nil {
		t.Fatal(err)
	}
	want := twoRules + "          - *web1\n"
	if string(res.New) != want || !slices.Equal(res.Rules, []int{1}) || res.Unchanged {
		t.Errorf("got %+v\n%s", res, res.New)
	}
}

func TestEmptyKeysList(t *testing.T) {
	src := "keys: []\ncreation_rules:\n  - path_regex: ^a/\n    age: [" + kA + "]\n"
	c := mustParse(t, src)
	res, err := c.AddHost(AddRequest{Name: "web3", Recipient: kNew, Groups: []string{"^a/"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "keys: [&web3 " + kNew + "]\ncreation_rules:\n  - path_regex: ^a/\n    age: [" + kA + ", *web3]\n"
	if string(res.New) != want {
		t.Errorf("got\n%s", res.New)
	}
	back, err := mustParse(t, want).RemoveHost("web3")
	if err != nil || string(back.New) != src {
		t.Errorf("remove: %v\n%s", err, back.New)
	}
}

// TestAnchoredListOfPlainKeys: an anchored list under keys: whose keys
// carry no anchors, used whole by rules (`age: *servers`), is a --group the
// contract names ("the name of an anchored list such as &servers"), and
// the one the refusal of a --secret touching it suggests.
func TestAnchoredListOfPlainKeys(t *testing.T) {
	src := "keys:\n  - &alice " + kA + "\n  - &servers\n    - " + kB + "\ncreation_rules:\n  - path_regex: ^a/\n    key_groups:\n      - age: *servers\n  - path_regex: ^b/\n    key_groups:\n      - age: *servers\n"
	c := mustParse(t, src)
	if !c.HasGroup("servers") || !slices.Contains(c.GroupNames(), "servers") {
		t.Fatalf("servers is not a group: %v", c.GroupNames())
	}
	if _, err := c.AddHost(AddRequest{Name: "web3", Recipient: kNew, Secrets: []string{"a/x"}}); err == nil || !strings.Contains(err.Error(), "--group servers") {
		t.Fatalf("--secret on a shared list: %v", err)
	}
	res, err := c.AddHost(AddRequest{Name: "web3", Recipient: kNew, Groups: []string{"servers"}})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(src, "  - &servers\n    - "+kB+"\n", "  - &web3 "+kNew+"\n  - &servers\n    - "+kB+"\n    - *web3\n", 1)
	if string(res.New) != want || !slices.Equal(res.Rules, []int{0, 1}) {
		t.Errorf("rules %v, got\n%s\nwant\n%s", res.Rules, res.New, want)
	}
}
