package recipients

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

func TestNewHostKey(t *testing.T) {
	k, err := NewHostKey()
	if err != nil {
		t.Fatal(err)
	}
	r := k.Recipient
	if r.Kind != SSHEd25519 || r.Comment != GeneratedKeyComment {
		t.Errorf("NewHostKey = %v %q", r.Kind, r.Comment)
	}
	if string(k.Public) != r.String()+" root@nfrekey-generated\n" {
		t.Errorf(".pub = %q", k.Public)
	}
	if !strings.HasPrefix(string(k.Private), "-----BEGIN OPENSSH PRIVATE KEY-----\n") {
		t.Errorf("private key is not in OpenSSH format")
	}
	signer, err := ssh.ParsePrivateKey(k.Private)
	if err != nil {
		t.Fatal(err)
	}
	fromPriv, err := PublicKeyFromPrivate(k.Private, nil)
	if err != nil || !fromPriv.Equal(r) || string(signer.PublicKey().Marshal()) != string(r.Wire()) {
		t.Errorf("private and public halves differ")
	}
	if k2, _ := NewHostKey(); k2.Recipient.Equal(r) {
		t.Error("two keys are the same")
	}
	if HostKeyPath("/x") != "/x/etc/ssh/ssh_host_ed25519_key" {
		t.Errorf("HostKeyPath = %s", HostKeyPath("/x"))
	}
}

// writeHostKey writes a NewHostKey under dir as nixos-anywhere
// --extra-files lays it out, for sshd to load.
func writeHostKey(t *testing.T, dir string) Recipient {
	t.Helper()
	k, err := NewHostKey()
	if err != nil {
		t.Fatal(err)
	}
	p := HostKeyPath(dir)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, k.Private, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+".pub", k.Public, 0o644); err != nil {
		t.Fatal(err)
	}
	return k.Recipient
}
