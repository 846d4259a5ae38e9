package reencrypt

import (
	"github.com/nfrekey/nfrekey/internal/identity"

	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/recipients"
)

// TestSameKeyTwiceAsksOnce: the same passphrase-protected key given twice
// (two paths, as -i plus a default would) is one identity: its passphrase
// is asked once, and a wrong one is reported as such.
func TestSameKeyTwiceAsksOnce(t *testing.T) {
	r := newRepo(t)
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	data := pem.EncodeToMemory(block)
	k1, k2 := filepath.Join(r.dir, "id1"), filepath.Join(r.dir, "id2")
	os.WriteFile(k1, data, 0o600)
	os.WriteFile(k2, data, 0o600)
	sp, _ := ssh.NewPublicKey(priv.Public())
	owner := host{name: "me", text: strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))}
	owner.recip, _ = recipients.Parse(owner.text)
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web2) // not the owner's: both copies are tried
	encryptTo(t, r.path("b.age"), []byte("x"), false, owner)
	r.secret("a.age", 1, r.web2, r.web3)
	r.secret("b.age", 2, owner, r.web3)
	var asked atomic.Int32
	ids, err := identity.Load(identity.Options{Files: []string{k1, k2}, Passphrase: func(string) ([]byte, error) {
		asked.Add(1)
		return []byte("wrong"), nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if ids.Len() != 2 { // the SSH identity and its X25519 twin, once
		t.Errorf("identities: %v", ids.Describe())
	}
	_, err = r.rekey(t, RekeyOptions{Identities: ids})
	if !IsInput(err) || !errors.Is(err, recipients.ErrWrongPassphrase) {
		t.Errorf("err = %v", err)
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("passphrase asked %d times", n)
	}
}
