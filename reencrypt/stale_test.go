package reencrypt

import (
	"os"
	"testing"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"
)

// TestStaleTemps: temps a killed run left are an audit finding (never
// taken for secrets) and the next mutating run removes them, even one
// with nothing to rekey; a dry run leaves them.
func TestStaleTemps(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1, r.web2)
	r.secret("a.age", 1, r.web1, r.web2)
	stale := []string{r.path(txn.TempPrefix + "a.age-0123456789ab"), r.path("sub/" + txn.TempPrefix + "b.age-ffffffffffff")}
	os.MkdirAll(r.path("sub"), 0o755)
	for _, p := range stale {
		os.WriteFile(p, []byte("age-encryption.org/v1\nold ciphertext"), 0o600)
	}
	inv := r.audit(t)
	n := 0
	for _, f := range inv.Findings {
		if f.Kind == "stale-temp" {
			n++
		}
	}
	if n != 2 || len(inv.Secrets) != 1 {
		t.Fatalf("findings %v, secrets %d: want 2 stale-temp findings and the one secret", inv.Findings, len(inv.Secrets))
	}
	if _, err := r.rekey(t, RekeyOptions{DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale[0]); err != nil {
		t.Fatal("a dry run removed a temp")
	}
	res, err := r.rekey(t, RekeyOptions{Identities: identity.New(r.web1.id[0])})
	if err != nil || res.TempsRemoved != 2 {
		t.Fatalf("rekey: %v, removed %d", err, res.TempsRemoved)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s left: %v", p, err)
		}
	}
	for _, f := range r.audit(t).Findings {
		if f.Kind == "stale-temp" {
			t.Errorf("still reported: %v", f)
		}
	}
}
