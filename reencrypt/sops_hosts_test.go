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
	return host{name: "web3", text: text, recip: r}, id
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
