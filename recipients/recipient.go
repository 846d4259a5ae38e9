// Package recipients owns everything about a public key: the Recipient
// value parsed from any form a fleet repo holds (ssh-ed25519, ssh-rsa, age
// X25519, age post-quantum, age plugin recipients kept opaque), its
// validation, SHA256 fingerprints, the age header tag of SSH recipients,
// the ssh-ed25519 -> age X25519 conversion sops-nix uses, and harvesting
// host keys (SSH scan, .pub, private key, known_hosts, key generation).
// No other package parses key text.
package recipients

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/sshage"
)

// Kind is the type of a recipient.
type Kind int

const (
	SSHEd25519 Kind = iota + 1
	SSHRSA
	X25519    // age1...
	Hybrid    // age1pq1..., age's post-quantum hybrid recipient
	AgePlugin // age1NAME1..., wrapped by a plugin binary; kept opaque
)

func (k Kind) String() string {
	switch k {
	case SSHEd25519:
		return "ssh-ed25519"
	case SSHRSA:
		return "ssh-rsa"
	case X25519:
		return "X25519"
	case Hybrid:
		return "mlkem768x25519"
	case AgePlugin:
		return "plugin"
	}
	return "unknown"
}

// MinRSABits is the smallest RSA key accepted: age refuses smaller ones.
const MinRSABits = 2048

// Recipient is one public key a secret can be encrypted to.
type Recipient struct {
	Kind Kind
	// wire is the SSH wire encoding (SSH kinds) or the bech32 payload (age kinds).
	wire []byte
	// text is the canonical form: "ssh-ed25519 AAAA..." without comment, or "age1...".
	text string
	// Comment is the SSH comment, if any; it plays no part in identity.
	Comment string
	// PluginName is the plugin of an AgePlugin recipient ("yubikey" for age1yubikey1...).
	PluginName string
}

// MaxKeyLine bounds the text of one key: a 16384-bit ssh-rsa key (the
// largest OpenSSH makes) is about 2,800 bytes of base64, leaving room for a
// long comment.
const MaxKeyLine = 16 << 10

// shortRSAError is a well-formed RSA key age refuses to use.
type shortRSAError struct{ bits int }

func (e shortRSAError) Error() string {
	return fmt.Sprintf("ssh-rsa key of %d bits is too short: age needs at least %d", e.bits, MinRSABits)
}

// ErrPrivateKey is returned when private key material is given where a
// public key is expected. Its message never contains the key.
var ErrPrivateKey = errors.New("this is a private key, not a public key (it was not echoed; keep it secret and give its .pub instead)")

// Parse parses one public key in any form a fleet repo holds. Surrounding
// whitespace (the trailing newline of builtins.readFile) is ignored. Keys
// that are well-formed but could not be anyone's are refused here, with the
// reason, so that none reaches an audit or a rekey: ed25519 points of small
// or mixed order or non-canonically encoded, X25519 keys of small order, on
// the twist or non-canonical, SSH blobs of another type, truncated or with
// trailing bytes, and text over MaxKeyLine.
func Parse(s string) (Recipient, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Recipient{}, errors.New("empty key")
	}
	if looksPrivate(s) {
		return Recipient{}, ErrPrivateKey
	}
	if len(s) > MaxKeyLine {
		// Not echoed, not parsed: it may be anything, of any size.
		return Recipient{}, fmt.Errorf("a key of %d bytes: longer than the %d any public key needs", len(s), MaxKeyLine)
	}
	if strings.HasPrefix(strings.ToLower(s), "age1") {
		return parseAge(s)
	}
	return parseSSH(s)
}

// ParseList parses text holding one key per line, as a .pub file or an
// authorized_keys-like file read with builtins.readFile: blank lines and
// # comments are skipped. It fails on the first invalid line, naming it.
func ParseList(text string) ([]Recipient, error) {
	var out []Recipient
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := Parse(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, errors.New("no key found")
	}
	return out, nil
}

func looksPrivate(s string) bool {
	if strings.Contains(s, "PRIVATE KEY") || strings.HasPrefix(s, "PuTTY-User-Key-File-") {
		return true
	}
	// An age identity anywhere, e.g. a whole keys.txt with its comments.
	for _, f := range strings.Fields(s) {
		u := strings.ToUpper(f)
		if strings.HasPrefix(u, "AGE-SECRET-KEY-") || strings.HasPrefix(u, "AGE-PLUGIN-") && strings.Contains(u[len("AGE-PLUGIN-"):], "-1") {
			return true
		}
	}
	return false
}

func parseSSH(s string) (Recipient, error) {
	fields := strings.Fields(s)
	typ := fields[0]
	switch {
	case strings.HasPrefix(typ, "sk-"):
		return Recipient{}, fmt.Errorf("%s is a security-key (FIDO) key: age cannot encrypt to it", typ)
	case strings.HasPrefix(typ, "ecdsa-") || typ == "ssh-dss":
		return Recipient{}, fmt.Errorf("%s keys are not supported by age: use ssh-ed25519 (or ssh-rsa)", typ)
	case typ != ssh.KeyAlgoED25519 && typ != ssh.KeyAlgoRSA:
		if !looksLikeKeyType(typ) {
			// Not echoed: it may be a line of a pasted private key.
			return Recipient{}, errors.New("not a public key (want ssh-ed25519 AAAA..., ssh-rsa AAAA... or age1...)")
		}
		return Recipient{}, fmt.Errorf("unknown key type %q (want ssh-ed25519, ssh-rsa or age1...)", typ)
	}
	if len(fields) < 2 {
		return Recipient{}, fmt.Errorf("%s key without key data", typ)
	}
	wire, err := base64.StdEncoding.DecodeString(fields[1])
	if err != nil {
		return Recipient{}, fmt.Errorf("%s key: bad base64: %v", typ, err)
	}
	if err := checkWire(typ, wire); err != nil {
		return Recipient{}, err
	}
	pk, err := ssh.ParsePublicKey(wire)
	if err != nil {
		return Recipient{}, fmt.Errorf("%s key: %v", typ, strings.TrimPrefix(err.Error(), "ssh: "))
	}
	// Re-marshal so that the wire form (and so the text, fingerprint and tag)
	// is canonical, as ssh-keygen computes fingerprints from its own encoding.
	wire = pk.Marshal()
	r := Recipient{wire: wire, Comment: strings.Join(fields[2:], " ")}
	switch typ {
	case ssh.KeyAlgoED25519:
		pub, ok := pk.(ssh.CryptoPublicKey).CryptoPublicKey().(ed25519.PublicKey)
		if !ok || len(pub) != ed25519.PublicKeySize {
			return Recipient{}, errors.New("ssh-ed25519 key: unexpected key data")
		}
		if err := checkEd25519Point(pub); err != nil {
			return Recipient{}, err
		}
		r.Kind = SSHEd25519
	case ssh.KeyAlgoRSA:
		rk, ok := pk.(ssh.CryptoPublicKey).CryptoPublicKey().(*rsa.PublicKey)
		if !ok {
			return Recipient{}, errors.New("ssh-rsa key: unexpected key data")
		}
		if rk.N.BitLen() < MinRSABits {
			return Recipient{}, shortRSAError{rk.N.BitLen()}
		}
		r.Kind = SSHRSA
	}
	r.text = typ + " " + base64.StdEncoding.EncodeToString(wire)
	return r, nil
}

func parseAge(s string) (Recipient, error) {
	hrp, data, err := bech32Decode(s)
	if err != nil {
		return Recipient{}, fmt.Errorf("age recipient: %v", err)
	}
	canonical := strings.ToLower(s)
	switch {
	case hrp == "age":
		if _, err := age.ParseX25519Recipient(canonical); err != nil {
			return Recipient{}, fmt.Errorf("age recipient: %v", err)
		}
		if err := checkX25519Point(data); err != nil {
			return Recipient{}, err
		}
		return Recipient{Kind: X25519, wire: data, text: canonical}, nil
	case hrp == "age1pq":
		if _, err := age.ParseHybridRecipient(canonical); err != nil {
			return Recipient{}, fmt.Errorf("age post-quantum recipient: %v", err)
		}
		return Recipient{Kind: Hybrid, wire: data, text: canonical}, nil
	case strings.HasPrefix(hrp, "age1") && len(hrp) > len("age1"):
		name := hrp[len("age1"):]
		for _, c := range name {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '+') {
				return Recipient{}, fmt.Errorf("age plugin recipient: invalid plugin name %q", name)
			}
		}
		return Recipient{Kind: AgePlugin, wire: data, text: canonical, PluginName: name}, nil
	}
	return Recipient{}, fmt.Errorf("age recipient: unknown prefix %q", truncate(hrp, 20))
}

// String is the canonical text: "ssh-ed25519 AAAA..." (no comment) or "age1...".
func (r Recipient) String() string { return r.text }

// Wire is the SSH wire encoding of an SSH key, or the bech32 payload of an age recipient.
func (r Recipient) Wire() []byte { return bytes.Clone(r.wire) }

// ID identifies the key material: two recipients are the same key exactly
// when their IDs are equal, whatever their comments or whitespace.
func (r Recipient) ID() string { return r.text }

// Equal reports whether r and o are the same key.
func (r Recipient) Equal(o Recipient) bool { return r.Kind == o.Kind && r.text == o.text }

// IsSSH reports whether r is an ssh-ed25519 or ssh-rsa key.
func (r Recipient) IsSSH() bool { return r.Kind == SSHEd25519 || r.Kind == SSHRSA }

// Fingerprint is the SHA256 fingerprint exactly as ssh-keygen -lf prints it
// (SSH kinds only; "" otherwise).
func (r Recipient) Fingerprint() string {
	if !r.IsSSH() {
		return ""
	}
	sum := sha256.Sum256(r.wire)
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

// Tag is the key tag an age header names SSH recipients by: the first four
// bytes of SHA-256 of the wire key, unpadded base64 ("" for non-SSH kinds).
func (r Recipient) Tag() string {
	if !r.IsSSH() {
		return ""
	}
	return SSHTag(r.wire)
}

// SSHTag is the age header tag of an SSH wire key.
func SSHTag(wire []byte) string {
	sum := sha256.Sum256(wire)
	return base64.RawStdEncoding.EncodeToString(sum[:4])
}

// AgeRecipient returns the age.Recipient that encrypts to r. Plugin
// recipients need their plugin binary and are refused here.
func (r Recipient) AgeRecipient() (age.Recipient, error) {
	switch r.Kind {
	case SSHEd25519, SSHRSA:
		pk, err := ssh.ParsePublicKey(r.wire)
		if err != nil {
			return nil, err
		}
		if r.Kind == SSHEd25519 {
			// sshage: the same stanzas as agessh with a third of its X25519
			// multiplications (see its package doc).
			return sshage.NewRecipient(pk)
		}
		return agessh.NewRSARecipient(pk)
	case X25519:
		return age.ParseX25519Recipient(r.text)
	case Hybrid:
		return age.ParseHybridRecipient(r.text)
	}
	return nil, fmt.Errorf("%s: encrypting to age plugin recipients (age-plugin-%s) is not supported", truncate(r.text, 24), r.PluginName)
}

// looksLikeKeyType reports whether s is short and spelled like an SSH key
// type name (ssh-dss, ecdsa-sha2-nistp256, sk-ssh-ed25519@openssh.com), so
// that it can be quoted in an error without echoing key material.
func looksLikeKeyType(s string) bool {
	if len(s) == 0 || len(s) > 48 {
		return false
	}
	hasDash := false
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '@':
		case c == '-':
			hasDash = true
		default:
			return false
		}
	}
	return hasDash
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
