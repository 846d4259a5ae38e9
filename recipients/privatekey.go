package recipients

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"golang.org/x/crypto/ssh"
	"golang.org/x/term"
)

// ErrPassphraseNeeded is wrapped when a private key is passphrase-protected
// and no passphrase callback was given.
var ErrPassphraseNeeded = errors.New("the private key is passphrase-protected")

// ErrWrongPassphrase is wrapped when the passphrase does not decrypt the key.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// maxPrivateKeySize bounds what is read from a private key file.
const maxPrivateKeySize = 1 << 20

// ReadPrivateKeyFile returns the public key of the SSH private key in path;
// see PublicKeyFromPrivate.
func ReadPrivateKeyFile(path string, passphrase func() ([]byte, error)) (Recipient, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Recipient{}, err
	}
	if fi.Size() > maxPrivateKeySize {
		return Recipient{}, fmt.Errorf("%s: too large for a private key", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Recipient{}, err
	}
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
	if strings.HasPrefix(strings.TrimSpace(string(data)), "AGE-SECRET-KEY-") {
		return Recipient{}, errors.New("this is an age identity, not an SSH private key")
	}
	key, err := ssh.ParseRawPrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		if passphrase == nil {
			if missing.PublicKey != nil {
				return fromSSHPublicKey(missing.PublicKey)
			}
			return Recipient{}, fmt.Errorf("%w and no passphrase can be asked for", ErrPassphraseNeeded)
		}
		pass, perr := passphrase()
		if perr != nil {
			return Recipient{}, perr
		}
		key, err = ssh.ParseRawPrivateKeyWithPassphrase(data, pass)
		clear(pass)
		if err != nil {
			if errors.Is(err, x509.IncorrectPasswordError) || strings.Contains(err.Error(), "decryption") ||
				strings.Contains(err.Error(), "password") {
				return Recipient{}, ErrWrongPassphrase
			}
			return Recipient{}, privateKeyError(err)
		}
		r, err := fromPrivate(key)
		if err == nil && missing.PublicKey != nil && !r.Equal(mustFromSSH(missing.PublicKey)) {
			return Recipient{}, errors.New("the public key stored in the file does not match its private key (corrupt or tampered file)")
		}
		return r, err
	}
	if err != nil {
		return Recipient{}, privateKeyError(err)
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

func fromPrivate(key any) (Recipient, error) {
	var pub any
	switch k := key.(type) {
	case ed25519.PrivateKey:
		pub = k.Public()
	case *ed25519.PrivateKey:
		pub = k.Public()
	case *rsa.PrivateKey:
		pub = &k.PublicKey
	case *ecdsa.PrivateKey:
		return Recipient{}, errors.New("ECDSA keys are not supported by age: use an ed25519 (or RSA) key")
	default:
		return Recipient{}, fmt.Errorf("unsupported private key type %T", key)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		return Recipient{}, err
	}
	return fromSSHPublicKey(sp)
}

func fromSSHPublicKey(pk ssh.PublicKey) (Recipient, error) {
	return Parse(pk.Type() + " " + base64Std(pk.Marshal()))
}

func mustFromSSH(pk ssh.PublicKey) Recipient {
	r, _ := fromSSHPublicKey(pk)
	return r
}

// PromptPassphrase returns a passphrase callback that asks on the terminal
// (prompt on stderr, no echo), and refuses with a clear error when stdin is
// not a terminal. The answer is asked once and remembered, so a key used for
// many files is asked for only once per run.
func PromptPassphrase(prompt string) func() ([]byte, error) {
	return OncePassphrase(func() ([]byte, error) {
		fd := int(os.Stdin.Fd())
		if !term.IsTerminal(fd) {
			return nil, fmt.Errorf("%w and stdin is not a terminal to ask for it: give its .pub instead, or run on a terminal", ErrPassphraseNeeded)
		}
		fmt.Fprint(os.Stderr, prompt)
		pass, err := term.ReadPassword(fd)
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return nil, fmt.Errorf("reading the passphrase: %w", err)
		}
		return pass, nil
	})
}

// OncePassphrase wraps a passphrase callback so that f runs at most once;
// later calls return a copy of the same answer (or error).
func OncePassphrase(f func() ([]byte, error)) func() ([]byte, error) {
	var (
		once sync.Once
		pass []byte
		err  error
	)
	return func() ([]byte, error) {
		once.Do(func() { pass, err = f() })
		if err != nil {
			return nil, err
		}
		return append([]byte(nil), pass...), nil
	}
}
