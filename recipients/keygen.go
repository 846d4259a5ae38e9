package recipients

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/ssh"
)

// GeneratedKeyComment is the comment of keys GenerateHostKey writes.
const GeneratedKeyComment = "root@nfrekey-generated"

// HostKeyPath is where GenerateHostKey writes the private key under dir.
func HostKeyPath(dir string) string {
	return filepath.Join(dir, "etc", "ssh", "ssh_host_ed25519_key")
}

// ErrKeyExists is wrapped when GenerateHostKey would overwrite a key.
var ErrKeyExists = errors.New("refusing to overwrite an existing host key")

// GenerateHostKey creates a new ed25519 host key for a machine to be
// installed (nixos-anywhere --extra-files DIR): DIR/etc/ssh/ssh_host_ed25519_key
// (mode 0600, OpenSSH format) and its .pub (0644), creating directories
// (0755). It refuses if either file exists. Each file is written to a temp
// file in the same directory, synced and linked into place, so a crash
// never leaves a partial key under the final name.
func GenerateHostKey(dir string) (Recipient, error) {
	keyPath := HostKeyPath(dir)
	pubPath := keyPath + ".pub"
	for _, p := range []string{keyPath, pubPath} {
		if _, err := os.Lstat(p); err == nil {
			return Recipient{}, fmt.Errorf("%w: %s", ErrKeyExists, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return Recipient{}, err
		}
	}
	sshDir := filepath.Dir(keyPath)
	if err := os.MkdirAll(sshDir, 0o755); err != nil {
		return Recipient{}, err
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Recipient{}, err
	}
	block, err := ssh.MarshalPrivateKey(priv, GeneratedKeyComment)
	if err != nil {
		return Recipient{}, err
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		return Recipient{}, err
	}
	r, err := fromSSHPublicKey(sp)
	if err != nil {
		return Recipient{}, err
	}
	r.Comment = GeneratedKeyComment
	pubLine := r.String() + " " + GeneratedKeyComment + "\n"

	if err := writeNewFile(keyPath, pem.EncodeToMemory(block), 0o600); err != nil {
		return Recipient{}, err
	}
	if err := writeNewFile(pubPath, []byte(pubLine), 0o644); err != nil {
		os.Remove(keyPath) // ours, just written: do not leave a key without its .pub
		return Recipient{}, err
	}
	return r, nil
}

// writeNewFile writes data to path atomically, failing if path exists.
func writeNewFile(path string, data []byte, mode os.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if tmp != nil {
			tmp.Close()
		}
		os.Remove(tmpName) // after a successful link, only the temp name goes
	}()
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		tmp = nil
		return err
	}
	tmp = nil
	// link(2) is atomic and fails if the name exists: no race with another
	// writer, no overwrite. Filesystems without hard links fall back to a
	// rename after a last check.
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%w: %s", ErrKeyExists, path)
		}
		if _, serr := os.Lstat(path); serr == nil {
			return fmt.Errorf("%w: %s", ErrKeyExists, path)
		}
		if rerr := os.Rename(tmpName, path); rerr != nil {
			return rerr
		}
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !strings.Contains(err.Error(), "invalid argument") {
		return err
	}
	return nil
}
