package sopsyaml

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// oracleConfig has one distinct age key per rule, so the recipient sops
// encrypts a file to names the rule it chose.
var oracleKeys = []string{
	"age1rw5m4a6cxfthkamku470rtqp8l66k8ft3fydrycpkmcrz43qyg5serc4ay",
	"age1t065j02t2dz2d09t53znzxnljw9t979dvrjp0ssddaudlruvwegs0g27rh",
	"age19mn4mzrsjfsm0v3azu3cgfcs3maqnxxmm3aesvk376668xcp9srs0wwer9",
	"age1p4rzpyczfnwpnu8zrh6fa0lusy3dll87lva20kn57cjqz7clk4esl36raa",
	"age1wsm2qahc4q5ffapfc0sl8umfjhgw6pfj0gre35auma428qm9qgqsu835yy",
	"age1gyzef4pc3qxas7mkm4mptggm8efetjhe7w82u7kq4m9clnap2g9skz7ta6",
	"age1mfcf2xryz7ewq6u3grjn26h8rmw0lv5dspkzahrt6eut2g4lfqxsd0gds0",
}

var oracleRegexes = []string{
	`^hosts/db1/`,          // anchored at the start of the relative path
	`web\d+\.yaml$`,        // unanchored: matches anywhere in the path
	`secrets/(a|b)/[^/]+$`, // alternation
	`\.env$`,               // by extension, after the more specific ones
	`nested/deep/.*\.json`, // never anchored at the end
	`^secrets/`,            // a prefix catch
	``,                     // no path_regex: every remaining file
}

var oraclePaths = []string{
	"hosts/db1/x.yaml", "hosts/web12.yaml", "x/hosts/db1/y.yaml", "secrets/a/k.yaml",
	"secrets/a/sub/k.yaml", "secrets/c.env", "app.env", "nested/deep/q.json",
	"other/nested/deep/q.jsonx", "secrets/web3.yaml", "top.yaml", "hosts/db1web1.yaml",
}

func oracleConfig() string {
	var b strings.Builder
	b.WriteString("creation_rules:\n")
	for i, rx := range oracleRegexes {
		if rx != "" {
			b.WriteString("  - path_regex: '" + rx + "'\n    age: " + oracleKeys[i] + "\n")
		} else {
			b.WriteString("  - age: " + oracleKeys[i] + "\n")
		}
	}
	return b.String()
}

// TestMatchOracle encrypts a file at each path with the real sops, run
// from the config's directory, and checks Match chose the rule whose key
// sops used.
func TestMatchOracle(t *testing.T) {
	sops := peer.Need(t, "sops")
	dir := t.TempDir()
	cfg := oracleConfig()
	if err := os.WriteFile(filepath.Join(dir, ".sops.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Parse(".sops.yaml", []byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range oraclePaths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("a: b\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(sops, "--input-type", "yaml", "--output-type", "yaml", "-e", p)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "SOPS_AGE_KEY=", "SOPS_AGE_KEY_FILE=/nonexistent")
		out, err := cmd.Output()
		r, ok := c.Match(p)
		if err != nil {
			if ok {
				t.Errorf("%s: sops failed (%v) but Match chose rule %d", p, err, r.Index)
			}
			continue
		}
		var doc struct {
			Sops struct {
				Age []struct{ Recipient string } `yaml:"age"`
			} `yaml:"sops"`
		}
		if err := yaml.Unmarshal(out, &doc); err != nil || len(doc.Sops.Age) != 1 {
			t.Fatalf("%s: unexpected sops output (%v):\n%s", p, err, out)
		}
		want := -1
		for i, k := range oracleKeys {
			if k == doc.Sops.Age[0].Recipient {
				want = i
			}
		}
		if !ok || r.Index != want {
			t.Errorf("%s: sops used rule %d, Match chose %v (ok=%v)", p, want, r, ok)
		}
	}
}
