package reencrypt_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/nfrekey/nfrekey"

// TestImportRules keeps the import rules of the architecture true, over
// the module's packages as `go list` sees them (packages that do not exist
// yet, such as reencrypt/sopsfile, are checked by prefix once they do).
func TestImportRules(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	direct := goList(t, "{{.ImportPath}} {{join .Imports \" \"}}", module+"/...")
	deps := func(pkg string) map[string]bool {
		out := map[string]bool{}
		for p := range goList(t, "{{.ImportPath}}", "-deps", pkg) {
			out[p] = true
		}
		return out
	}
	crypto := []string{"filippo.io/age", "filippo.io/edwards25519", "golang.org/x/crypto", "github.com/getsops/sops/v3",
		module + "/recipients", module + "/internal/sshage", module + "/internal/agefile", module + "/internal/identity"}
	ui := []string{"github.com/spf13/cobra", "github.com/spf13/pflag", "golang.org/x/term", "github.com/schollz/progressbar"}
	has := func(imps []string, prefixes ...string) []string {
		var bad []string
		for _, imp := range imps {
			for _, p := range prefixes {
				if imp == p || strings.HasPrefix(imp, p+"/") {
					bad = append(bad, imp)
				}
			}
		}
		return bad
	}
	for pkg, imps := range direct {
		rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
		if bad := has(imps, "github.com/getsops/sops/v3"); len(bad) > 0 && !under(rel, "reencrypt/sopsfile") {
			t.Errorf("%s imports %v: only reencrypt/sopsfile may import sops", rel, bad)
		}
		if bad := has(imps, ui...); len(bad) > 0 && !under(rel, "cmd") {
			t.Errorf("%s imports %v: only cmd knows flags and terminals", rel, bad)
		}
		if under(rel, "sopsyaml") {
			if bad := has(imps, crypto[:4]...); len(bad) > 0 {
				t.Errorf("%s imports %v: recipient-list formats know no crypto", rel, bad)
			}
		}
	}
	for _, pair := range [][2]string{{"reencrypt/agenix", "reencrypt/sopsfile"}, {"reencrypt/sopsfile", "reencrypt/agenix"}} {
		if _, ok := direct[module+"/"+pair[0]]; !ok {
			continue
		}
		if d := deps(module + "/" + pair[0]); d[module+"/"+pair[1]] {
			t.Errorf("%s depends on %s: the backends never import each other", pair[0], pair[1])
		}
	}
	// hostcheck reads .sops.yaml through sopsyaml and is handed the sops
	// files by its caller: not even indirectly does it load sops.
	for d := range deps(module + "/reencrypt/hostcheck") {
		if bad := has([]string{d}, "github.com/getsops/sops/v3", module+"/reencrypt/sopsfile"); len(bad) > 0 {
			t.Errorf("reencrypt/hostcheck depends on %s: only reencrypt/sopsfile touches sops", d)
		}
	}
	for _, p := range []string{"secretsnix"} {
		for d := range deps(module + "/" + p + "/...") {
			if bad := has([]string{d}, crypto...); len(bad) > 0 {
				t.Errorf("%s depends on %s: the rules evaluator knows no crypto", p, d)
			}
		}
	}
}

func under(rel, dir string) bool { return rel == dir || strings.HasPrefix(rel, dir+"/") }

// goList runs go list with format over args: import path -> the rest of
// its line, split on spaces.
func goList(t *testing.T, format string, args ...string) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-f", format}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	m := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 {
			m[f[0]] = f[1:]
		}
	}
	return m
}
