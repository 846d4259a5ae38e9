package reencrypt

import (
	"github.com/nfrekey/nfrekey/internal/identity"

	"bytes"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/nfrekey/nfrekey/internal/agefile"
)

// pivStanza is a recipient that adds an opaque plugin stanza, as an
// age-plugin-yubikey recipient the rules do not declare would.
type pivStanza struct{}

func (pivStanza) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	return []*age.Stanza{{Type: "piv-p256", Args: []string{"AAAA", "Ag"}, Body: bytes.Repeat([]byte{1}, 32)}}, nil
}

// TestUnattributedStanzaIsStale: a file whose ssh recipients are exactly the
// declared ones but which also carries an undeclared plugin stanza is stale,
// and rekey re-encrypts it under a fresh file key without that stanza.
func TestUnattributedStanzaIsStale(t *testing.T) {
	r := newRepo(t)
	web1, err := r.web1.recip.AgeRecipient()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, web1, pivStanza{})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "hunter2")
	w.Close()
	os.WriteFile(r.path("a.age"), buf.Bytes(), 0o644)
	r.secret("a.age", 1, r.web1)

	s := r.audit(t).Secrets[0]
	if s.Status != StatusStale || !reflect.DeepEqual(s.Remove, []string{"1 unidentified piv-p256 recipient(s)"}) {
		t.Fatalf("audit: %s +%v -%v", s.Status, s.Add, s.Remove)
	}
	res, err := r.rekey(t, RekeyOptions{})
	if err != nil || res.Rekeyed != 1 || !res.Plan[0].Fresh {
		t.Fatalf("rekey: %v %+v", err, res)
	}
	h, err := agefile.ReadHeaderFile(r.path("a.age"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(h.Types(), ","); got != "ssh-ed25519" {
		t.Errorf("stanzas after rekey: %s", got)
	}
	if pt, err := decryptWith(r.path("a.age"), r.web1); err != nil || string(pt) != "hunter2" {
		t.Errorf("decrypt: %q %v", pt, err)
	}
	if s := r.audit(t).Secrets[0]; s.Status != StatusOK {
		t.Errorf("after rekey: %s +%v -%v", s.Status, s.Add, s.Remove)
	}
}

// TestHybridRecipientConverges: a declared age1pq1 recipient is matched
// against mlkem768x25519 stanzas (not X25519 ones): the file is unverified,
// rekey --force brings it under the lock, and a second rekey changes
// nothing.
func TestHybridRecipientConverges(t *testing.T) {
	r := newRepo(t)
	pq := newHybridHost(t, "pq1")
	encryptTo(t, r.path("pq.age"), []byte("hunter2"), false, pq)
	r.secret("pq.age", 1, pq)
	if s := r.audit(t).Secrets[0]; s.Status != StatusUnverified {
		t.Fatalf("audit: %s +%v -%v", s.Status, s.Add, s.Remove)
	}
	ids := identity.New(pq.id...)
	if res, err := r.rekey(t, RekeyOptions{Identities: ids}); err != nil || res.Rekeyed != 0 || res.Unchanged != 1 {
		t.Fatalf("plain rekey of an unverified file: %v %+v", err, res)
	}
	if res, err := r.rekey(t, RekeyOptions{Identities: ids, Force: true}); err != nil || res.Rekeyed != 1 {
		t.Fatalf("rekey --force: %v %+v", err, res)
	}
	if s := r.audit(t).Secrets[0]; s.Status != StatusOK {
		t.Fatalf("after --force: %s +%v -%v", s.Status, s.Add, s.Remove)
	}
	all := []string{r.path("pq.age"), r.path(LockFileName)}
	before := snapshot(t, all...)
	if res, err := r.rekey(t, RekeyOptions{Identities: ids}); err != nil || res.Rekeyed != 0 || len(res.Plan) != 0 {
		t.Fatalf("second rekey: %v %+v", err, res)
	}
	if !reflect.DeepEqual(snapshot(t, all...), before) {
		t.Error("second rekey changed files")
	}
	h, _ := agefile.ReadHeaderFile(r.path("pq.age"))
	if h == nil || h.HybridCount() != 1 || len(h.Stanzas) != 1 {
		t.Errorf("header after rekeys: %v", h.Types())
	}
}
