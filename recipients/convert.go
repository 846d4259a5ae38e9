package recipients

import (
	"crypto/ed25519"
	"crypto/sha512"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
	"filippo.io/edwards25519"
)

// ToAgeX25519 converts an ssh-ed25519 recipient to the age X25519 recipient
// of the same key (the Edwards point mapped to Montgomery form), the form
// ssh-to-age prints and sops-nix encrypts to.
func (r Recipient) ToAgeX25519() (Recipient, error) {
	if r.Kind == X25519 {
		return r, nil
	}
	if r.Kind != SSHEd25519 {
		return Recipient{}, fmt.Errorf("only ssh-ed25519 keys convert to age X25519, not %s", r.Kind)
	}
	pub := ed25519Pub(r.wire)
	p, err := new(edwards25519.Point).SetBytes(pub)
	if err != nil {
		return Recipient{}, errors.New("ssh-ed25519 key: not a valid curve point")
	}
	s, err := bech32Encode("age", p.BytesMontgomery())
	if err != nil {
		return Recipient{}, err
	}
	return parseAge(s)
}

// ed25519Pub extracts the 32-byte key from an ssh-ed25519 wire encoding
// (string "ssh-ed25519", string key), which Parse has already validated.
func ed25519Pub(wire []byte) []byte {
	return wire[len(wire)-ed25519.PublicKeySize:]
}

// AgeIdentityFromEd25519 returns the age X25519 identity matching
// ToAgeX25519 of the key's public half: the clamped first half of
// SHA-512(seed), as age's ssh support and ssh-to-age derive it.
func AgeIdentityFromEd25519(key ed25519.PrivateKey) (*age.X25519Identity, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, errors.New("invalid ed25519 private key")
	}
	h := sha512.Sum512(key.Seed())
	s, err := bech32Encode("AGE-SECRET-KEY-", h[:32])
	if err != nil {
		return nil, err
	}
	return age.ParseX25519Identity(strings.ToUpper(s))
}
