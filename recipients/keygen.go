package recipients

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"path/filepath"

	"golang.org/x/crypto/ssh"
)

// GeneratedKeyComment is the comment of keys NewHostKey makes.
const GeneratedKeyComment = "root@nfrekey-generated"

// HostKeyPath is where a machine installed with nixos-anywhere
// --extra-files DIR finds its ed25519 host key.
func HostKeyPath(dir string) string {
	return filepath.Join(dir, "etc", "ssh", "ssh_host_ed25519_key")
}

// ErrKeyExists is wrapped by writers refusing to overwrite a host key.
var ErrKeyExists = errors.New("refusing to overwrite an existing host key")

// HostKey is a new ed25519 host key pair, in memory: writing it (no
// clobber, with the rest of an add-host run) is the transaction's job.
type HostKey struct {
	Recipient Recipient // the public key, with GeneratedKeyComment
	Private   []byte    // OpenSSH private key file (mode 0600)
	Public    []byte    // its .pub line (mode 0644)
}

// NewHostKey generates an ed25519 host key for a machine to be installed.
func NewHostKey() (HostKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return HostKey{}, err
	}
	block, err := ssh.MarshalPrivateKey(priv, GeneratedKeyComment)
	if err != nil {
		return HostKey{}, err
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		return HostKey{}, err
	}
	r, err := fromSSHPublicKey(sp)
	if err != nil {
		return HostKey{}, err
	}
	r.Comment = GeneratedKeyComment
	return HostKey{Recipient: r, Private: pem.EncodeToMemory(block), Public: []byte(r.String() + " " + GeneratedKeyComment + "\n")}, nil
}
