package recipients

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/readlimit"
)

// ErrPassphraseNeeded is wrapped when a private key is passphrase-protected
// and no passphrase callback was given.
var ErrPassphraseNeeded = errors.New("the private key is passphrase-protected")

// ErrWrongPassphrase is wrapped when the passphrase does not decrypt the key.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// maxPrivateKeySize bounds what is read from a private key file.
const maxPrivateKeySize = 1 << 20

// ReadPrivateKeyFile returns the public key of the SSH private key in path;
// see PublicKeyFromPrivate. Only a regular file of at most 1 MiB is read.
func ReadPrivateKeyFile(path string, passphrase func() ([]byte, error)) (Recipient, error) {
	data, err := readlimit.ReadFile(path, maxPrivateKeySize)
	if err != nil {
		return Recipient{}, err
	}
	defer clear(data)
	r, err := PublicKeyFromPrivate(data, passphrase)
	if err != nil {
		return Recipient{}, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// PublicKeyFromPrivate returns the public half of an SSH private key in
// OpenSSH format or PEM (PKCS#1, PKCS#8, legacy encrypted PEM), like
// ssh-keygen -y. For a passphrase-protected key, passphrase is called (at
// most once); when it is nil, an OpenSSH-format key gives the public key it
// stores in clear, and a PEM one fails with ErrPassphraseNeeded. Errors
// never contain key material.
func PublicKeyFromPrivate(data []byte, passphrase func() ([]byte, error)) (Recipient, error) {
	pk, err := ParsePrivateKey(data, passphrase)
	if errors.Is(err, ErrPassphraseNeeded) && pk.Public.text != "" {
		return pk.Public, nil
	}
	return pk.Public, err
}

// PrivateKey is a parsed SSH private key age can use.
type PrivateKey struct {
	// Key is an ed25519.PrivateKey or an *rsa.PrivateKey; nil when the key
	// is passphrase-protected and no passphrase was given.
	Key crypto.PrivateKey
	// Public is its public key; for a passphrase-protected key without a
	// passphrase, the one an OpenSSH-format file stores in clear (zero for
	// PEM, which stores none).
	Public Recipient
}

// ParsePrivateKey parses an SSH private key in OpenSSH format or PEM
// (PKCS#1, PKCS#8, legacy encrypted PEM). For a passphrase-protected key,
// passphrase is called once; when it is nil, the error wraps
// ErrPassphraseNeeded and the returned key carries only Public (if the
// file has it in clear), so that callers can defer asking until the key is
// needed. A passphrase that does not decrypt the key gives an error
// wrapping ErrWrongPassphrase. Only ed25519 and RSA keys are accepted (age
// supports no other SSH key type). Errors never contain key material.
func ParsePrivateKey(data []byte, passphrase func() ([]byte, error)) (PrivateKey, error) {
	if strings.HasPrefix(strings.TrimSpace(string(data)), "AGE-SECRET-KEY-") {
		return PrivateKey{}, errors.New("this is an age identity, not an SSH private key")
	}
	key, err := ssh.ParseRawPrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		var stored Recipient
		if missing.PublicKey != nil {
			if stored, err = fromSSHPublicKey(missing.PublicKey); err != nil {
				return PrivateKey{}, err
			}
		}
		if passphrase == nil {
			return PrivateKey{Public: stored}, fmt.Errorf("%w and no passphrase can be asked for", ErrPassphraseNeeded)
		}
		pass, perr := passphrase()
		if perr != nil {
			return PrivateKey{Public: stored}, perr
		}
		key, err = ssh.ParseRawPrivateKeyWithPassphrase(data, pass)
		clear(pass)
		if errors.Is(err, x509.IncorrectPasswordError) {
			return PrivateKey{Public: stored}, ErrWrongPassphrase
		}
		if err != nil {
			return PrivateKey{Public: stored}, privateKeyError(err)
		}
		pk, err := fromPrivate(key)
		if err == nil && stored.text != "" && !pk.Public.Equal(stored) {
			return PrivateKey{}, errors.New("the public key stored in the file does not match its private key (corrupt or tampered file)")
		}
		return pk, err
	}
	if err != nil {
		return PrivateKey{}, privateKeyError(err)
	}
	return fromPrivate(key)
}

// privateKeyError reports why a key did not parse, in words that cannot
// carry key bytes.
func privateKeyError(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "no key found"):
		return errors.New("not a private key file (no PEM block found)")
	case strings.Contains(msg, "unsupported key type"):
		return fmt.Errorf("unsupported private key type: %s", truncate(strings.TrimPrefix(msg, "ssh: unsupported key type "), 40))
	}
	return errors.New("the private key is malformed or in an unsupported format")
}

// fromPrivate normalises a parsed key (ed25519 by value) and derives its
// public key.
func fromPrivate(key any) (PrivateKey, error) {
	var pub any
	switch k := key.(type) {
	case *ed25519.PrivateKey:
		key, pub = *k, k.Public()
	case ed25519.PrivateKey:
		pub = k.Public()
	case *rsa.PrivateKey:
		pub = &k.PublicKey
	case *ecdsa.PrivateKey:
		return PrivateKey{}, errors.New("ECDSA keys are not supported by age: use an ed25519 (or RSA) key")
	default:
		return PrivateKey{}, fmt.Errorf("unsupported private key type %T (age uses ssh-ed25519 and ssh-rsa)", key)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		return PrivateKey{}, err
	}
	r, err := fromSSHPublicKey(sp)
	if err != nil {
		return PrivateKey{}, err
	}
	return PrivateKey{Key: key, Public: r}, nil
}

func fromSSHPublicKey(pk ssh.PublicKey) (Recipient, error) {
	return Parse(pk.Type() + " " + base64Std(pk.Marshal()))
}
