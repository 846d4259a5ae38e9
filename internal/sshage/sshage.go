// Package sshage owns nfrekey's implementation of age's ssh-ed25519
// recipient type (C2SP age, "The ssh-ed25519 recipient type"): the
// recipient that wraps a file key to an SSH ed25519 public key and the
// identity that unwraps it with the private key. It produces and accepts
// exactly the stanzas filippo.io/age/agessh does, with the same errors.
//
// It exists for speed. Adding a host to a fleet costs, per secret, one
// ssh-ed25519 unwrap and one wrap, and X25519 scalar multiplications are
// nearly all of that. agessh computes every X25519 through
// golang.org/x/crypto/curve25519.X25519, which builds an ecdh.PrivateKey
// and so computes a public key it throws away: 4 multiplications per
// unwrap and 6 per wrap. This package does the multiplications that
// cannot be avoided and no others:
//
//   - Identity: the Montgomery secret is an ecdh.PrivateKey built once per
//     identity (its public key, needed for the HKDF salt, computed once).
//     Each matching stanza costs the ECDH with the ephemeral share (1)
//     and the tweak ladder (1). The key tag is checked before any
//     multiplication, so stanzas for other keys cost nothing.
//   - Recipient: the tweak depends only on the public key, and scalar
//     multiplication commutes, X25519(t, X25519(e, P)) = X25519(e,
//     X25519(t, P)), so X25519(tweak, P) is computed once per recipient.
//     Each wrap costs generating the ephemeral key (1, giving the share)
//     and one ECDH with the pre-tweaked key (1). This is exact, not an
//     approximation: both X25519 scalars are clamped multiples of 8 and
//     the x-only ladder gives u(k·Q) for any point Q with that u, so both
//     orders give u(t·e·P), with the identity as u = 0 either way. The one
//     divergence from agessh is a tweak that is a multiple of the subgroup
//     order (probability about 2^-250 per key): agessh would then derive
//     from an empty secret, this package fails to Wrap.
//
// So a rekey adding a host does 4 multiplications per file where agessh
// does 10. Like agessh's, the recipient does not implement
// age.RecipientWithLabels (it has no labels to declare).
//
// The tweak multiplication uses this package's own constant-time
// Montgomery ladder (ladder.go) because crypto/ecdh has no way to
// multiply by a scalar without building a private key.
package sshage

import (
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
	"filippo.io/edwards25519"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/ssh"
)

// stanzaType is the age stanza type and label is the HKDF info string of
// both the tweak and the wrapping key (the same constant in age).
const (
	stanzaType = "ssh-ed25519"
	label      = "age-encryption.org/v1/ssh-ed25519"
)

// b64 is age's stanza argument encoding: unpadded, canonical base64.
var b64 = base64.RawStdEncoding.Strict()

// sshTag is the first stanza argument: the first four bytes of SHA-256 of
// the SSH wire key, a short hint of which key a stanza is for.
func sshTag(wire []byte) string {
	h := sha256.Sum256(wire)
	return b64.EncodeToString(h[:4])
}

// tweakOf is the per-key scalar age multiplies the shared secret by:
// HKDF-SHA-256 with an empty secret, the SSH wire key as salt and the
// label as info. It depends on the public key only.
func tweakOf(wire []byte) (t [32]byte, err error) {
	k, err := hkdf.Key(sha256.New, nil, wire, label, 32)
	if err != nil {
		return t, err
	}
	copy(t[:], k)
	return t, nil
}

// wrappingKey is HKDF-SHA-256 of the tweaked shared secret with salt
// ephemeral share || recipient Montgomery key.
func wrappingKey(secret []byte, share, recipient *[32]byte) ([]byte, error) {
	salt := make([]byte, 0, 64)
	salt = append(salt, share[:]...)
	salt = append(salt, recipient[:]...)
	return hkdf.Key(sha256.New, secret, salt, label, chacha20poly1305.KeySize)
}

// Recipient is an ssh-ed25519 public key files are encrypted to. It is
// immutable and safe for concurrent use.
type Recipient struct {
	wire []byte // SSH wire encoding of the public key
	tag  string
	// mont is the recipient's X25519 public key: the Montgomery form of
	// its Edwards point. It goes in the HKDF salt.
	mont [32]byte
	// tweaked is X25519(tweak, mont): ECDH of an ephemeral scalar with it
	// is the tweaked shared secret, by commutativity of scalar
	// multiplication. A low-order key gives an all-zero value here, which
	// crypto/ecdh then rejects in Wrap exactly where agessh fails.
	tweaked *ecdh.PublicKey
}

var _ age.Recipient = &Recipient{}

// NewRecipient returns the recipient of an ssh-ed25519 public key. Like
// agessh.NewEd25519Recipient, it accepts any point encoding edwards25519
// accepts (including low-order ones, which then fail to Wrap).
func NewRecipient(pk ssh.PublicKey) (*Recipient, error) {
	if pk.Type() != ssh.KeyAlgoED25519 {
		return nil, errors.New("SSH public key is not an Ed25519 key")
	}
	cpk, ok := pk.(ssh.CryptoPublicKey)
	if !ok {
		return nil, errors.New("pk does not implement ssh.CryptoPublicKey")
	}
	epk, ok := cpk.CryptoPublicKey().(ed25519.PublicKey)
	if !ok {
		return nil, errors.New("unexpected public key type")
	}
	p, err := new(edwards25519.Point).SetBytes(epk)
	if err != nil {
		return nil, fmt.Errorf("invalid Ed25519 public key: %v", err)
	}
	var mont [32]byte
	copy(mont[:], p.BytesMontgomery())
	return newRecipient(pk.Marshal(), &mont)
}

// newRecipient precomputes the recipient of SSH wire key wire whose
// X25519 public key is mont.
func newRecipient(wire []byte, mont *[32]byte) (*Recipient, error) {
	r := &Recipient{wire: wire, tag: sshTag(wire), mont: *mont}
	t, err := tweakOf(wire)
	if err != nil {
		return nil, err
	}
	var q [32]byte
	x25519(&q, &t, &r.mont)
	// NewPublicKey only checks the length.
	if r.tweaked, err = ecdh.X25519().NewPublicKey(q[:]); err != nil {
		return nil, err
	}
	return r, nil
}

// Wrap implements age.Recipient: one ssh-ed25519 stanza,
// "-> ssh-ed25519 TAG SHARE", whose body is the file key sealed with
// ChaCha20-Poly1305 (zero nonce) under the wrapping key.
func (r *Recipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	// GenerateKey computes the ephemeral share (1 multiplication), the one
	// public key in this protocol that is actually used.
	eph, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	var share [32]byte
	copy(share[:], eph.PublicKey().Bytes())
	// X25519(e, X25519(t, P)) = X25519(t, X25519(e, P)), the tweaked
	// shared secret of the specification (1 multiplication). All-zero
	// (low-order key) is an error, as in agessh.
	secret, err := eph.ECDH(r.tweaked)
	if err != nil {
		return nil, err
	}
	key, err := wrappingKey(secret, &share, &r.mont)
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.New(key)
	if err != nil {
		return nil, err
	}
	var nonce [chacha20poly1305.NonceSize]byte
	return []*age.Stanza{{
		Type: stanzaType,
		Args: []string{r.tag, b64.EncodeToString(share[:])},
		Body: aead.Seal(nil, nonce[:], fileKey, nil),
	}}, nil
}

// Identity is an ssh-ed25519 private key files are decrypted with. It is
// immutable and safe for concurrent use.
type Identity struct {
	wire []byte // SSH wire encoding of the public key
	tag  string
	// secret is the X25519 secret, the first half of SHA-512 of the
	// ed25519 seed (clamped by crypto/ecdh), and mont its public key,
	// both computed once here rather than per stanza.
	secret *ecdh.PrivateKey
	mont   [32]byte
	tweak  [32]byte
}

var _ age.Identity = &Identity{}

// NewIdentity returns the identity of an ed25519 private key.
func NewIdentity(key ed25519.PrivateKey) (*Identity, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, errors.New("invalid Ed25519 private key size")
	}
	// As agessh, the SSH key (tag, tweak) is the public half of key and the
	// X25519 key is derived from the seed.
	spk, err := ssh.NewPublicKey(key.Public())
	if err != nil {
		return nil, err
	}
	h := sha512.Sum512(key.Seed())
	defer clear(h[:])
	secret, err := ecdh.X25519().NewPrivateKey(h[:32])
	if err != nil {
		return nil, err
	}
	id := &Identity{wire: spk.Marshal(), secret: secret}
	id.tag = sshTag(id.wire)
	copy(id.mont[:], secret.PublicKey().Bytes())
	if id.tweak, err = tweakOf(id.wire); err != nil {
		return nil, err
	}
	return id, nil
}

// Recipient returns the recipient of id's public key. As agessh's, its
// X25519 key is the one derived from the seed.
func (id *Identity) Recipient() *Recipient {
	r, err := newRecipient(id.wire, &id.mont)
	if err != nil {
		panic("sshage: " + err.Error()) // only HKDF can fail, and not for 32 bytes
	}
	return r
}

// Unwrap implements age.Identity with agessh's semantics: stanzas are
// tried in order; one that is not for this key (another type, another
// tag, or an authentication failure, the tag being only a hint) is
// skipped; a malformed ssh-ed25519 stanza or a low-order ephemeral share
// is an error that stops the search; age.ErrIncorrectIdentity if none
// matched.
func (id *Identity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		fileKey, err := id.unwrap(s)
		if errors.Is(err, age.ErrIncorrectIdentity) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return fileKey, nil
	}
	return nil, age.ErrIncorrectIdentity
}

func (id *Identity) unwrap(s *age.Stanza) ([]byte, error) {
	if s.Type != stanzaType {
		return nil, age.ErrIncorrectIdentity
	}
	// The arguments are validated before the tag is compared, as in agessh,
	// so that a malformed stanza is an error whichever key it is for.
	if len(s.Args) != 2 {
		return nil, errors.New("invalid ssh-ed25519 recipient block")
	}
	if strings.ContainsAny(s.Args[1], "\n\r") {
		return nil, fmt.Errorf("failed to parse ssh-ed25519 recipient: %v", errors.New("unexpected newline character"))
	}
	raw, err := b64.DecodeString(s.Args[1])
	if err != nil {
		return nil, fmt.Errorf("failed to parse ssh-ed25519 recipient: %v", err)
	}
	if len(raw) != 32 {
		return nil, errors.New("invalid ssh-ed25519 recipient block")
	}
	// Not our key: no multiplication spent.
	if s.Args[0] != id.tag {
		return nil, age.ErrIncorrectIdentity
	}
	var share [32]byte
	copy(share[:], raw)

	eph, err := ecdh.X25519().NewPublicKey(share[:])
	if err != nil {
		return nil, fmt.Errorf("invalid X25519 recipient: %v", err)
	}
	shared, err := id.secret.ECDH(eph) // 1 multiplication
	if err != nil {
		// All zero: a low-order share.
		return nil, fmt.Errorf("invalid X25519 recipient: %v", err)
	}
	var in, tweaked [32]byte
	copy(in[:], shared)
	x25519(&tweaked, &id.tweak, &in) // 1 multiplication
	ikm := tweaked[:]
	if isZero(&tweaked) {
		// agessh ignores this error of X25519 and derives from a nil
		// secret (HKDF of an empty input, unlike 32 zero bytes). Only a
		// tweak that is a multiple of the subgroup order gets here, a
		// 2^-250 event; kept for byte-exact compatibility.
		ikm = nil
	}
	key, err := wrappingKey(ikm, &share, &id.mont)
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.New(key)
	if err != nil {
		return nil, err
	}
	var nonce [chacha20poly1305.NonceSize]byte
	fileKey, err := aead.Open(nil, nonce[:], s.Body, nil)
	if err != nil {
		// The tag is only a short hint and may collide with another key's.
		return nil, age.ErrIncorrectIdentity
	}
	return fileKey, nil
}
