package recipients

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/crypto/ssh"
)

func TestGenerateHostKey(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "extra")
	r, err := GenerateHostKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != SSHEd25519 || r.Comment != GeneratedKeyComment {
		t.Errorf("GenerateHostKey = %v %q", r.Kind, r.Comment)
	}
	keyPath := filepath.Join(dir, "etc", "ssh", "ssh_host_ed25519_key")
	if HostKeyPath(dir) != keyPath {
		t.Errorf("HostKeyPath = %s", HostKeyPath(dir))
	}
	for path, mode := range map[string]os.FileMode{
		keyPath:                          0o600,
		keyPath + ".pub":                 0o644,
		filepath.Join(dir, "etc", "ssh"): 0o755 | os.ModeDir,
		filepath.Join(dir, "etc"):        0o755 | os.ModeDir,
	} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", path, fi.Mode(), mode)
		}
	}
	ents, _ := os.ReadDir(filepath.Dir(keyPath))
	if len(ents) != 2 {
		t.Errorf("leftover files: %v", ents)
	}
	pub, _ := os.ReadFile(keyPath + ".pub")
	if string(pub) != r.String()+" root@nfrekey-generated\n" {
		t.Errorf(".pub = %q", pub)
	}
	priv, _ := os.ReadFile(keyPath)
	if !strings.HasPrefix(string(priv), "-----BEGIN OPENSSH PRIVATE KEY-----\n") {
		t.Errorf("private key is not in OpenSSH format")
	}
	signer, err := ssh.ParsePrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	fromPriv, err := PublicKeyFromPrivate(priv, nil)
	if err != nil || !fromPriv.Equal(r) || string(signer.PublicKey().Marshal()) != string(r.Wire()) {
		t.Errorf("private and public halves differ")
	}

	// Never overwrites, whichever file exists.
	if _, err := GenerateHostKey(dir); !errors.Is(err, ErrKeyExists) {
		t.Errorf("second run: %v", err)
	}
	if b, _ := os.ReadFile(keyPath); string(b) != string(priv) {
		t.Error("the key was changed")
	}
	os.Remove(keyPath)
	if _, err := GenerateHostKey(dir); !errors.Is(err, ErrKeyExists) {
		t.Errorf("with only the .pub: %v", err)
	}
	os.Remove(keyPath + ".pub")
	os.WriteFile(keyPath, []byte("x"), 0o600)
	if _, err := GenerateHostKey(dir); !errors.Is(err, ErrKeyExists) {
		t.Errorf("with only the key: %v", err)
	}
	// A dangling symlink counts as existing too.
	os.Remove(keyPath)
	os.Symlink("/nonexistent", keyPath)
	if _, err := GenerateHostKey(dir); !errors.Is(err, ErrKeyExists) {
		t.Errorf("with a dangling symlink: %v", err)
	}
	os.Remove(keyPath)
	if _, err := GenerateHostKey(dir); err != nil {
		t.Errorf("after cleanup: %v", err)
	}
}

func TestWriteNewFileRace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := writeNewFile(p, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeNewFile(p, []byte("two"), 0o600); !errors.Is(err, ErrKeyExists) {
		t.Errorf("overwrite: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Errorf("content %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temp files left: %v", ents)
	}
}
