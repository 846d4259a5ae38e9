package reencrypt

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/sshage"
	"github.com/nfrekey/nfrekey/recipients"
)

// sshHostWithAge is an ssh-ed25519 host with the X25519 identity its key
// converts to (ssh-to-age), what sops-nix decrypts with.
func sshHostWithAge(t *testing.T) (host, *age.X25519Identity) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))
	r, err := recipients.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	id, err := recipients.AgeIdentityFromEd25519(priv)
	if err != nil {
		t.Fatal(err)
	}
	sid, err := sshage.NewIdentity(priv)
	if err != nil {
		t.Fatal(err)
	}
	return host{name: "web3", text: text, recip: r, id: []age.Identity{sid}}, id
}

func TestSopsAddRemoveHost(t *testing.T) {
	r := newSopsRepo(t)
	r.config(t, nil)
	web3, web3age := sshHostWithAge(t)
	conf := filepath.Join(r.dir, ".sops.yaml")
	orig, _ := os.ReadFile(conf)
	ctx := context.Background()
	ids := identity.New(r.admin)

	// Dry run: the plan, nothing written.
	res, err := AddHost(ctx, AddHostOptions{RepoRoot: r.dir, Name: "web3", Key: web3.recip, Groups: []string{"^secrets/"}, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rekey.Plan) != 5 || len(res.Edits) != 1 || !strings.Contains(res.Edits[0].Diff, "+  - &web3 age1") {
		t.Fatalf("dry run: %+v", res)
	}
	if now, _ := os.ReadFile(conf); string(now) != string(orig) {
		t.Fatal("a dry run wrote .sops.yaml")
	}

	res, err = AddHost(ctx, AddHostOptions{RepoRoot: r.dir, Name: "web3", Key: web3.recip, Groups: []string{"^secrets/"}, Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Committed || res.Rekey.Rekeyed != 5 || len(res.Affected) != 5 {
		t.Fatalf("add-host: %+v %+v", res, res.Rekey)
	}
	// ssh-to-age by default: the host's ssh key, converted, opens them.
	x := web3age.Recipient()
	if now, _ := os.ReadFile(conf); !strings.Contains(string(now), "&web3 "+x.String()) {
		t.Fatalf(".sops.yaml lacks the age form:\n%s", now)
	}
	inv := r.audit(t)
	for _, s := range inv.Secrets {
		if s.Status != StatusOK || !opens(t, s.File, web3age) {
			t.Errorf("%s: %s, or web3 cannot open it", s.Path, s.Status)
		}
	}
	// Again: nothing to do.
	res, err = AddHost(ctx, AddHostOptions{RepoRoot: r.dir, Name: "web3", Key: web3.recip, Groups: []string{"^secrets/"}, Identities: ids})
	if err != nil || !res.Unchanged || len(res.Rekey.Plan) != 0 {
		t.Fatalf("second add-host: %+v %v", res, err)
	}
	// An unknown group: input error listing the groups.
	_, err = AddHost(ctx, AddHostOptions{RepoRoot: r.dir, Name: "web4", Key: web3.recip, Groups: []string{"nosuch"}, Identities: ids})
	if !IsInput(err) || !strings.Contains(err.Error(), "^secrets/") {
		t.Fatalf("unknown group: %v", err)
	}

	res, err = RemoveHost(ctx, RemoveHostOptions{RepoRoot: r.dir, Name: "web3", Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rekey.Rekeyed != 5 || !res.Rekey.Plan[0].Fresh || !slices.Equal(res.Rekey.Plan[0].Remove, []string{"web3"}) {
		t.Fatalf("remove-host: %+v", res.Rekey.Plan)
	}
	if now, _ := os.ReadFile(conf); string(now) != string(orig) {
		t.Errorf("add then remove did not restore .sops.yaml:\n%s", now)
	}
	for _, s := range r.audit(t).Secrets {
		if s.Status != StatusOK || opens(t, s.File, web3age) {
			t.Errorf("%s: %s, or web3 still opens it", s.Path, s.Status)
		}
	}
	if _, err := RemoveHost(ctx, RemoveHostOptions{RepoRoot: r.dir, Name: "web3", Identities: ids}); !IsInput(err) {
		t.Errorf("removing an unknown host: %v", err)
	}
}

// A repo with both backends: one add-host edits secrets.nix and .sops.yaml
// (each --group goes where it exists) and rekeys both kinds of file; the
// audit of both is ok after, and remove-host takes it out of both.
func TestMixedAddRemoveHost(t *testing.T) {
	r := newSopsRepo(t)
	r.config(t, nil)
	op := newSSHHost(t, "op")
	web3, web3age := sshHostWithAge(t)
	rules := filepath.Join(r.dir, "secrets.nix")
	r.write(t, "secrets.nix", "let\n  op = \""+op.text+"\";\n  servers = [ op ];\nin\n{\n  \"secrets/a.age\".publicKeys = servers;\n}\n")
	encryptTo(t, filepath.Join(r.dir, "secrets/a.age"), []byte("the plaintext"), false, op)
	ctx := context.Background()
	ids := identity.Join(identity.New(r.admin), identity.New(op.id...))
	audit := func() *Inventory {
		inv, err := Audit(ctx, AuditOptions{RepoRoot: r.dir, RulesFile: rules})
		if err != nil {
			t.Fatal(err)
		}
		return inv
	}
	if inv := audit(); !inv.InSync(false) || len(inv.Secrets) != 6 {
		t.Fatalf("before: %v", rows(inv))
	}

	res, err := AddHost(ctx, AddHostOptions{RepoRoot: r.dir, RulesFiles: []string{rules}, Name: "web3", Key: web3.recip,
		Groups: []string{"servers", "^secrets/"}, Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	var edited []string
	for _, e := range res.Edits {
		edited = append(edited, e.Path)
	}
	slices.Sort(edited)
	if !slices.Equal(edited, []string{".sops.yaml", "secrets.nix"}) || res.Rekey.Rekeyed != 6 {
		t.Fatalf("add-host edited %v, rekeyed %d", edited, res.Rekey.Rekeyed)
	}
	for _, s := range audit().Secrets {
		if s.Status != StatusOK && s.Status != StatusUnverified {
			t.Errorf("%s (%s): %s", s.Path, s.Backend, s.Status)
		}
		if s.Backend == BackendSops && !opens(t, s.File, web3age) {
			t.Errorf("%s: web3 cannot open it", s.Path)
		}
	}
	if !decrypts(t, filepath.Join(r.dir, "secrets/a.age"), web3.id...) {
		t.Error("secrets/a.age: web3 cannot decrypt it")
	}

	if _, err := RemoveHost(ctx, RemoveHostOptions{RepoRoot: r.dir, RulesFiles: []string{rules}, Name: "web3", Identities: ids}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"secrets.nix", ".sops.yaml"} {
		if b, _ := os.ReadFile(filepath.Join(r.dir, p)); strings.Contains(string(b), "web3") {
			t.Errorf("%s still names web3:\n%s", p, b)
		}
	}
	if !audit().InSync(false) || decrypts(t, filepath.Join(r.dir, "secrets/a.age"), web3.id...) {
		t.Error("after remove-host: drift, or web3 still decrypts a.age")
	}
}

func decrypts(t *testing.T, path string, ids ...age.Identity) bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = age.Decrypt(f, ids...)
	return err == nil
}
