package reencrypt

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/reencrypt/sopsfile"
)

// sopsRepo is a sops-only repo holding the sopsfile fixtures (made by the
// real sops, encrypted to sopsfile/testdata/key.txt) under secrets/.
type sopsRepo struct {
	dir   string
	admin *age.X25519Identity
}

var sopsFixtures = []string{"secret.yaml", "secret.json", "secret.env", "secret.ini", "secret.bin"}

func newSopsRepo(t *testing.T) *sopsRepo {
	t.Helper()
	r := &sopsRepo{dir: t.TempDir()}
	key, err := os.ReadFile("sopsfile/testdata/key.txt")
	if err != nil {
		t.Fatal(err)
	}
	ids, err := age.ParseIdentities(strings.NewReader(string(key)))
	if err != nil {
		t.Fatal(err)
	}
	r.admin = ids[0].(*age.X25519Identity)
	os.Mkdir(filepath.Join(r.dir, ".git"), 0o755)
	for _, name := range sopsFixtures {
		data, err := os.ReadFile(filepath.Join("sopsfile/testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		r.write(t, "secrets/"+name, string(data))
	}
	return r
}

func (r *sopsRepo) write(t *testing.T, rel, content string) {
	t.Helper()
	p := filepath.Join(r.dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// config writes a .sops.yaml whose first rule grants secrets/ to the
// named keys of keys (admin always first).
func (r *sopsRepo) config(t *testing.T, hosts map[string]string, grant ...string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("keys:\n  - &admin " + r.admin.Recipient().String() + "\n")
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range hosts {
			if !yield(n) {
				return
			}
		}
	})
	for _, n := range names {
		fmt.Fprintf(&b, "  - &%s %s\n", n, hosts[n])
	}
	b.WriteString("creation_rules:\n  - path_regex: ^secrets/\n    key_groups:\n      - age:\n          - *admin\n")
	for _, g := range grant {
		b.WriteString("          - *" + g + "\n")
	}
	b.WriteString("  - path_regex: ^nothing/\n    key_groups:\n      - age:\n          - *admin\n")
	r.write(t, ".sops.yaml", b.String())
}

func (r *sopsRepo) audit(t *testing.T) *Inventory {
	t.Helper()
	inv, err := Audit(context.Background(), AuditOptions{RepoRoot: r.dir})
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func rows(inv *Inventory) []string {
	var out []string
	for _, s := range inv.Secrets {
		out = append(out, fmt.Sprintf("%s %s %s +%v -%v", s.Path, s.Backend, s.Status, s.Add, s.Remove))
	}
	sort.Strings(out)
	return out
}

// opens reports whether ids open path's data key (and its MAC verifies).
func opens(t *testing.T, path string, ids ...age.Identity) bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := sopsfile.Load(path, data)
	if err != nil {
		t.Fatal(err)
	}
	var groups [][]sopsfile.Recipient
	for _, g := range f.Groups {
		groups = append(groups, g.Recipients)
	}
	_, err = f.Rewrap(context.Background(), ids, groups, f.Threshold, sopsfile.StoreOptions{})
	return err == nil
}

func TestSopsAuditAndRekey(t *testing.T) {
	r := newSopsRepo(t)
	web1 := newX25519Host(t, "web1")
	web1id := web1.id[0]
	r.config(t, map[string]string{"web1": web1.text})
	// Not sops files: a plain file mentioning sops' keys; ignored by git.
	r.write(t, "README.md", "sops writes mac and lastmodified\n")
	r.write(t, "notes.yaml", "tool: sops\nmac: 1\nlastmodified: now\n")
	r.write(t, ".gitignore", "ignored/\n")
	data, _ := os.ReadFile(filepath.Join(r.dir, "secrets/secret.yaml"))
	r.write(t, "ignored/secret.yaml", string(data))
	r.write(t, "other/secret.yaml", string(data))

	inv := r.audit(t)
	want := []string{
		"other/secret.yaml sops undeclared +[] -[]",
		"secrets/secret.bin sops ok +[] -[]", "secrets/secret.env sops ok +[] -[]", "secrets/secret.ini sops ok +[] -[]",
		"secrets/secret.json sops ok +[] -[]", "secrets/secret.yaml sops ok +[] -[]",
	}
	if got := rows(inv); !slices.Equal(got, want) {
		t.Fatalf("audit:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var kinds []string
	for _, f := range inv.Findings {
		kinds = append(kinds, fmt.Sprintf("%s %s:%d", f.Kind, f.File, f.Line))
	}
	if !slices.Equal(kinds, []string{"unused-rule .sops.yaml:9"}) {
		t.Errorf("findings: %v", kinds)
	}
	os.Remove(filepath.Join(r.dir, "other/secret.yaml"))

	// web1 granted: every format is stale, +web1; the rekey rewraps.
	r.config(t, map[string]string{"web1": web1.text}, "web1")
	for _, s := range r.audit(t).Secrets {
		if s.Status != StatusStale || !slices.Equal(s.Add, []string{"web1"}) || s.Line != 2+3 {
			t.Errorf("%s: %s +%v line %d, want stale +[web1] line 5", s.Path, s.Status, s.Add, s.Line)
		}
	}
	before, _ := os.ReadFile(filepath.Join(r.dir, "secrets/secret.json"))
	res, err := Rekey(context.Background(), RekeyOptions{RepoRoot: r.dir, Identities: identity.New(r.admin)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rekeyed != 5 || len(res.Plan) != 5 || res.Plan[0].Fresh {
		t.Fatalf("rekey: %+v", res)
	}
	for _, s := range r.audit(t).Secrets {
		if s.Status != StatusOK {
			t.Errorf("after rekey %s is %s", s.Path, s.Status)
		}
		if !opens(t, s.File, web1id) {
			t.Errorf("%s: web1 cannot open it", s.Path)
		}
	}
	after, _ := os.ReadFile(filepath.Join(r.dir, "secrets/secret.json"))
	if mac := func(b []byte) string { i := strings.Index(string(b), `"mac"`); return string(b[i : i+80]) }; mac(before) != mac(after) {
		t.Errorf("an addition changed the MAC (updatekeys keeps it)")
	}
	// In sync: nothing planned, nothing touched.
	st, _ := os.Stat(filepath.Join(r.dir, "secrets/secret.json"))
	res, err = Rekey(context.Background(), RekeyOptions{RepoRoot: r.dir, Identities: identity.New(r.admin)})
	if err != nil || len(res.Plan) != 0 || res.Unchanged != 5 {
		t.Fatalf("second rekey: %+v %v", res, err)
	}
	if st2, _ := os.Stat(filepath.Join(r.dir, "secrets/secret.json")); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("a file in sync was rewritten")
	}

	// web1 removed: rotated, web1 opens nothing.
	r.config(t, map[string]string{"web1": web1.text})
	res, err = Rekey(context.Background(), RekeyOptions{RepoRoot: r.dir, Identities: identity.New(r.admin)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rekeyed != 5 || !res.Plan[0].Fresh || !slices.Equal(res.Plan[0].Remove, []string{"web1"}) {
		t.Fatalf("removal: %+v", res.Plan)
	}
	for _, s := range r.audit(t).Secrets {
		if opens(t, s.File, web1id) || !opens(t, s.File, r.admin) {
			t.Errorf("%s: after removal web1 still opens it, or admin does not", s.Path)
		}
	}
}

func TestSopsRekeyRefusals(t *testing.T) {
	r := newSopsRepo(t)
	web1 := newX25519Host(t, "web1")
	r.config(t, map[string]string{"web1": web1.text}, "web1")
	files := func() map[string]string {
		m := map[string]string{}
		for _, n := range sopsFixtures {
			b, _ := os.ReadFile(filepath.Join(r.dir, "secrets", n))
			m[n] = string(b)
		}
		return m
	}
	orig := files()

	// No identity opens them: exit 2, nothing written, the error names
	// the recipients.
	_, err := Rekey(context.Background(), RekeyOptions{RepoRoot: r.dir, Identities: identity.New(web1.id...)})
	if !IsInput(err) || !strings.Contains(err.Error(), r.admin.Recipient().String()) {
		t.Fatalf("rekey without the key: %v", err)
	}
	// Metadata that is no sops metadata: invalid, refused.
	r.write(t, "secrets/broken.yaml", "a: 1\nsops:\n    version: 3.13.3\n")
	for _, s := range r.audit(t).Secrets {
		if s.Path == "secrets/broken.yaml" && s.Status != StatusInvalid {
			t.Errorf("broken metadata is %s", s.Status)
		}
	}
	if _, err = Rekey(context.Background(), RekeyOptions{RepoRoot: r.dir, Identities: identity.New(r.admin)}); !IsInput(err) {
		t.Fatalf("rekey with broken metadata: %v", err)
	}
	os.Remove(filepath.Join(r.dir, "secrets/broken.yaml"))
	// A truncated file: the metadata that is left is judged (it is stale
	// like the others), but it cannot be opened: refused, nothing written.
	data := orig["secret.yaml"]
	r.write(t, "secrets/cut.yaml", data[:strings.Index(data, "    mac:")])
	_, err = Rekey(context.Background(), RekeyOptions{RepoRoot: r.dir, Identities: identity.New(r.admin)})
	if !IsInput(err) {
		t.Fatalf("rekey with a truncated file: %v", err)
	}
	if got := files(); !slices.Equal(slices.Sorted(mapValues(got)), slices.Sorted(mapValues(orig))) {
		t.Error("a refused rekey changed files")
	}
	// A named path that is no secret: exit 2.
	_, err = Rekey(context.Background(), RekeyOptions{RepoRoot: r.dir, Identities: identity.New(r.admin),
		Paths: []string{filepath.Join(r.dir, ".gitignore")}})
	if !IsInput(err) {
		t.Fatalf("rekey of a plain file: %v", err)
	}
}

func mapValues(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

func TestSopsSSHTrapFinding(t *testing.T) {
	r := newSopsRepo(t)
	web2 := newSSHHost(t, "web2")
	r.config(t, map[string]string{"web2": web2.text}, "web2")
	inv := r.audit(t)
	var got []string
	for _, f := range inv.Findings {
		if f.Kind == "sops-ssh-recipient" {
			got = append(got, fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Message))
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], ".sops.yaml:9 web2 is in ssh form") || !strings.Contains(got[0], "age1") {
		t.Errorf("findings: %v", got)
	}
}

// --sops-config governs every file, whatever .sops.yaml lies nearer; a
// file outside its directory is matched by its absolute path, as sops does.
func TestSopsExplicitConfig(t *testing.T) {
	r := newSopsRepo(t)
	web1 := newX25519Host(t, "web1")
	r.config(t, map[string]string{"web1": web1.text}, "web1") // the nearest one: web1 granted
	conf := "keys:\n  - &admin " + r.admin.Recipient().String() + "\ncreation_rules:\n  - path_regex: /secrets/\n    key_groups:\n      - age:\n          - *admin\n"
	r.write(t, "conf/sops.yaml", conf)
	inv, err := Audit(context.Background(), AuditOptions{RepoRoot: r.dir, SopsConfig: filepath.Join(r.dir, "conf/sops.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range inv.Secrets {
		if s.Status != StatusOK || s.Rules != "conf/sops.yaml" {
			t.Errorf("%s: %s under %q, want ok under conf/sops.yaml", s.Path, s.Status, s.Rules)
		}
	}
	if !slices.Equal(inv.SopsConfigs, []string{"conf/sops.yaml"}) {
		t.Errorf("configs: %v", inv.SopsConfigs)
	}
	// Without it, the nearest config rules: web1 is missing everywhere.
	for _, s := range r.audit(t).Secrets {
		if s.Status != StatusStale {
			t.Errorf("%s: %s, want stale", s.Path, s.Status)
		}
	}
}

// A large file is pre-checked by its head and tail: a sops file with
// large values is still found (its metadata is last), a large plain file
// is skipped.
func TestSopsLargeFiles(t *testing.T) {
	r := newSopsRepo(t)
	r.config(t, nil)
	big := strings.Repeat("x", 300<<10)
	r.write(t, "blob.yaml", "data: "+big+"\nsops_like: no\n")
	// A valid sops YAML file with a long unencrypted-suffix value keeps
	// its metadata at the end.
	data, _ := os.ReadFile(filepath.Join(r.dir, "secrets/secret.yaml"))
	r.write(t, "secrets/big.yaml", "padding_unencrypted: "+big+"\n"+string(data))
	var got []string
	for _, s := range r.audit(t).Secrets {
		got = append(got, s.Path+" "+string(s.Status))
	}
	if slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "blob.yaml ") }) || !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "secrets/big.yaml ") }) {
		t.Errorf("rows: %v", got)
	}
}
