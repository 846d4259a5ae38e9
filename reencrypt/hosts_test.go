package reencrypt

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"
)

// hostRepo is a repo with a real secrets.nix: web1 and web2 let-bound,
// the servers group, two secrets, and host-keys/ holding web1.pub.
type hostRepo struct {
	*repo
	rules string
}

func newHostRepo(t *testing.T) *hostRepo {
	t.Helper()
	r := newRepo(t)
	os.Mkdir(r.path("host-keys"), 0o755)
	if err := os.WriteFile(r.path("host-keys/web1.pub"), []byte(r.web1.text+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "let\n  web1 = builtins.readFile ./host-keys/web1.pub;\n  web2 = \"" + r.web2.text + "\";\n  servers = [ web1 web2 ];\nin\n{\n  \"a.age\".publicKeys = servers;\n  \"b.age\".publicKeys = [ web1 ];\n}\n"
	if err := os.WriteFile(r.path("secrets.nix"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	encryptTo(t, r.path("a.age"), []byte("secret a"), false, r.web1, r.web2)
	encryptTo(t, r.path("b.age"), []byte("secret b"), false, r.web1)
	return &hostRepo{repo: r, rules: r.path("secrets.nix")}
}

func (h *hostRepo) add(t *testing.T, o AddHostOptions) (*HostResult, error) {
	t.Helper()
	o.RepoRoot, o.RulesFiles = h.dir, []string{h.rules}
	if o.Identities == nil {
		o.Identities = identity.New(h.web1.id[0])
	}
	return AddHost(context.Background(), o)
}

func readAll(t *testing.T, paths ...string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		out[p] = data
	}
	return out
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	if temps, err := txn.FindStale(dir); err != nil || len(temps) > 0 {
		t.Errorf("temps left: %v %v", temps, err)
	}
}

func TestAddHostRewrapsExactlyTheGroup(t *testing.T) {
	h := newHostRepo(t)
	before := readAll(t, h.path("b.age"))
	res, err := h.add(t, AddHostOptions{Name: "web3", Key: h.web3.recip, Groups: []string{"servers"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Affected, " "); got != "a.age" {
		t.Errorf("affected %q, want a.age", got)
	}
	if res.Rekey.Rekeyed != 1 || !res.Committed {
		t.Errorf("result %+v, rekey %+v", res, res.Rekey)
	}
	if plain := mustDecrypt(t, h.path("a.age"), h.web3); plain != "secret a" {
		t.Errorf("web3 reads %q", plain)
	}
	if !bytes.Equal(readAll(t, h.path("b.age"))[h.path("b.age")], before[h.path("b.age")]) {
		t.Error("b.age, not in servers, changed")
	}
	if data, _ := os.ReadFile(h.path("host-keys/web3.pub")); strings.TrimSpace(string(data)) != h.web3.text {
		t.Errorf("host-keys/web3.pub = %q", data)
	}
	noTemps(t, h.dir)

	// The same again: nothing to do, nothing written.
	snap := readAll(t, h.path("secrets.nix"), h.path("a.age"), h.path("b.age"))
	res, err = h.add(t, AddHostOptions{Name: "web3", Key: h.web3.recip, Groups: []string{"servers"}})
	if err != nil || !res.Unchanged || res.Committed {
		t.Fatalf("second add-host: %+v %v", res, err)
	}
	for p, data := range readAll(t, h.path("secrets.nix"), h.path("a.age"), h.path("b.age")) {
		if !bytes.Equal(data, snap[p]) {
			t.Errorf("%s changed on a no-op add-host", p)
		}
	}
}

// TestAddHostConcurrentRulesSave: secrets.nix saved by someone else after
// nfrekey read it. The rules phase fails, and nothing else may follow: a
// secret rekeyed for an edit that was not written would grant the host
// more than the rules say.
func TestAddHostConcurrentRulesSave(t *testing.T) {
	h := newHostRepo(t)
	theirs := []byte("# their edit\n")
	files := []string{h.path("a.age"), h.path("b.age"), h.path("host-keys/web3.pub")}
	before := readAll(t, files...)
	res, err := h.add(t, AddHostOptions{Name: "web3", Key: h.web3.recip, Groups: []string{"servers"},
		beforeCommit: func() {
			orig, _ := os.ReadFile(h.rules)
			if err := os.WriteFile(h.rules, append(orig, theirs...), 0o644); err != nil {
				t.Fatal(err)
			}
		}})
	if err == nil || !errors.Is(err, txn.ErrChanged) {
		t.Fatalf("err = %v, want the rules file reported changed", err)
	}
	if res == nil || res.Committed {
		t.Errorf("result %+v: the edit must not count as committed", res)
	}
	if data, _ := os.ReadFile(h.rules); !bytes.HasSuffix(data, theirs) || bytes.Contains(data, []byte("web3")) {
		t.Errorf("their save was lost or overwritten: %q", data)
	}
	for p, data := range readAll(t, files...) {
		if !bytes.Equal(data, before[p]) {
			t.Errorf("%s changed although the rules were not written", filepath.Base(p))
		}
	}
	noTemps(t, h.dir)
}

// TestAddHostUndecryptableWritesNothing: an affected file no identity
// opens stops the run before any rename, the rules included.
func TestAddHostUndecryptableWritesNothing(t *testing.T) {
	h := newHostRepo(t)
	files := []string{h.rules, h.path("a.age"), h.path("b.age"), h.path("host-keys/web3.pub")}
	before := readAll(t, files...)
	_, err := h.add(t, AddHostOptions{Name: "web3", Key: h.web3.recip, Groups: []string{"servers"},
		Identities: identity.New(h.x1.id[0])})
	var oe *OpenError
	if !IsInput(err) || !errors.As(err, &oe) {
		t.Fatalf("err = %v, want an input error naming the files", err)
	}
	for p, data := range readAll(t, files...) {
		if !bytes.Equal(data, before[p]) {
			t.Errorf("%s changed", filepath.Base(p))
		}
	}
	noTemps(t, h.dir)
}

// TestRemoveHostRestoresRules: add then remove gives back the rules bytes,
// deletes the .pub, and re-encrypts under fresh keys the host cannot open.
func TestRemoveHostRestoresRules(t *testing.T) {
	h := newHostRepo(t)
	orig := readAll(t, h.rules)[h.rules]
	if _, err := h.add(t, AddHostOptions{Name: "web3", Key: h.web3.recip, Groups: []string{"servers"}}); err != nil {
		t.Fatal(err)
	}
	res, err := RemoveHost(context.Background(), RemoveHostOptions{RepoRoot: h.dir, RulesFiles: []string{h.rules},
		Name: "web3", Identities: identity.New(h.web1.id[0])})
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, h.rules)[h.rules]; !bytes.Equal(got, orig) {
		t.Errorf("rules after add+remove:\n%s\nwant:\n%s", got, orig)
	}
	if _, err := os.Stat(h.path("host-keys/web3.pub")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("host-keys/web3.pub still there: %v", err)
	}
	if len(res.Rekey.Plan) != 1 || !res.Rekey.Plan[0].Fresh || strings.Join(res.Rekey.Plan[0].Remove, ",") != "web3" {
		t.Errorf("plan %+v: want a.age re-encrypted fresh, -web3", res.Rekey.Plan)
	}
	if _, err := decryptWith(h.path("a.age"), h.web3); err == nil {
		t.Error("the removed host still opens a.age")
	}
	if plain := mustDecrypt(t, h.path("a.age"), h.web2); plain != "secret a" {
		t.Errorf("web2 reads %q", plain)
	}
	noTemps(t, h.dir)
}

func mustDecrypt(t *testing.T, path string, h host) string {
	t.Helper()
	plain, err := decryptWith(path, h)
	if err != nil {
		t.Fatalf("%s with %s: %v", filepath.Base(path), h.name, err)
	}
	return string(plain)
}

// TestGenerateAbortedLeavesNoKey: with --generate, a rules file saved by
// someone else before the rename takes back the key pair already put in
// place: no orphan host key for a host the rules do not name.
func TestGenerateAbortedLeavesNoKey(t *testing.T) {
	h := newHostRepo(t)
	extra := t.TempDir()
	_, err := h.add(t, AddHostOptions{Name: "web3", GenerateIn: extra, Groups: []string{"servers"},
		beforeCommit: func() {
			if err := os.WriteFile(h.rules, []byte("# their rewrite\n{}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}})
	if !errors.Is(err, txn.ErrChanged) {
		t.Fatalf("err = %v, want the rules file reported changed", err)
	}
	for _, p := range []string{"etc/ssh/ssh_host_ed25519_key", "etc/ssh/ssh_host_ed25519_key.pub"} {
		if _, err := os.Lstat(filepath.Join(extra, p)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind: %v", p, err)
		}
	}
	if _, err := os.Lstat(h.path("host-keys/web3.pub")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("host-keys/web3.pub left behind: %v", err)
	}
	noTemps(t, h.dir)
	noTemps(t, extra)
}
