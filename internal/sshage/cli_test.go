package sshage_test

import (
	"bytes"
	"crypto/ed25519"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/peer"
	"github.com/nfrekey/nfrekey/internal/sshage"
)

// sshKeygen makes an unencrypted ssh-ed25519 key with ssh-keygen and
// returns its path and the parsed private key.
func sshKeygen(t *testing.T) (string, ed25519.PrivateKey) {
	t.Helper()
	keygen := peer.Need(t, "ssh-keygen")
	path := filepath.Join(t.TempDir(), "id_ed25519")
	if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "sshage-test", "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ssh.ParseRawPrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	switch k := raw.(type) {
	case ed25519.PrivateKey:
		return path, k
	case *ed25519.PrivateKey:
		return path, *k
	}
	t.Fatalf("ssh-keygen made a %T", raw)
	return "", nil
}

// TestAgeCLI: the age command decrypts what this package encrypts to an
// ssh-keygen key, and this package decrypts what age -R encrypts to it.
func TestAgeCLI(t *testing.T) {
	ageBin := peer.Need(t, "age")
	keyPath, priv := sshKeygen(t)
	pubText, err := os.ReadFile(keyPath + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	spk, _, _, _, err := ssh.ParseAuthorizedKey(pubText)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sshage.NewRecipient(spk)
	if err != nil {
		t.Fatal(err)
	}
	id, err := sshage.NewIdentity(priv)
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte("ours to age\n" + string(bytes.Repeat([]byte{'x'}, 1000)))

	for i := range 5 { // several ephemeral shares
		var enc bytes.Buffer
		w, err := age.Encrypt(&enc, r)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(plain)
		w.Close()
		cmd := exec.Command(ageBin, "-d", "-i", keyPath)
		cmd.Stdin = &enc
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || !bytes.Equal(out, plain) {
			t.Fatalf("#%d: age -d of our file: %v (%d bytes out)\n%s", i, err, len(out), stderr.Bytes())
		}
	}

	// age -R to the .pub; decrypted by ours alone.
	for i := range 5 {
		cmd := exec.Command(ageBin, "-R", keyPath+".pub")
		cmd.Stdin = bytes.NewReader(plain)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		enc, err := cmd.Output()
		if err != nil {
			t.Fatalf("#%d: age -R: %v\n%s", i, err, stderr.Bytes())
		}
		if !bytes.Contains(enc, []byte("-> ssh-ed25519 ")) {
			t.Fatalf("age -R wrote no ssh-ed25519 stanza:\n%s", enc)
		}
		dr, err := age.Decrypt(bytes.NewReader(enc), id)
		if err != nil {
			t.Fatalf("#%d: decrypting age's file: %v", i, err)
		}
		got, err := io.ReadAll(dr)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("#%d: decrypting age's file: wrong plaintext (%v)", i, err)
		}
	}

	// And age refuses our file with another key, so the first check is
	// not vacuous.
	otherPath, _ := sshKeygen(t)
	var enc bytes.Buffer
	w, _ := age.Encrypt(&enc, r)
	w.Write(plain)
	w.Close()
	cmd := exec.Command(ageBin, "-d", "-i", otherPath)
	cmd.Stdin = &enc
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("age -d with another key succeeded: %s", out)
	}
}
