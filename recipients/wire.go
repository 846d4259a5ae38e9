package recipients

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// checkWire reads an SSH public key blob declared as typ far enough to say,
// in words, what is wrong with it before x/crypto/ssh parses it (whose
// errors, "ssh: short read", name no cause): the blob's own type, a
// truncated field, a key of the wrong length, trailing bytes.
func checkWire(typ string, wire []byte) error {
	name, rest, ok := wireString(wire)
	if !ok {
		return fmt.Errorf("%s key: its data is truncated (%d bytes, not an SSH public key)", typ, len(wire))
	}
	if string(name) != typ {
		if looksLikeKeyType(string(name)) {
			return fmt.Errorf("key says %s but its data is a %s key", typ, name)
		}
		return fmt.Errorf("key says %s but its data is not an SSH public key", typ)
	}
	fields := 1 // ssh-ed25519: the 32-byte point
	if typ == "ssh-rsa" {
		fields = 2 // e, n
	}
	var field []byte
	for i := 0; i < fields; i++ {
		if field, rest, ok = wireString(rest); !ok {
			return fmt.Errorf("%s key: its data is truncated", typ)
		}
	}
	if typ == "ssh-ed25519" && len(field) != 32 {
		return fmt.Errorf("ssh-ed25519 key: %d bytes of key, want 32", len(field))
	}
	if len(rest) > 0 {
		return fmt.Errorf("%s key: %d trailing bytes after the key data", typ, len(rest))
	}
	return nil
}

// wireString reads one SSH wire string (uint32 length, bytes).
func wireString(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, b, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, b, false
	}
	return b[4 : 4+n], b[4+n:], true
}

// Why an ed25519 point that decodes is still refused. Every real public key
// is [a]B, a point of the prime-order subgroup, written in its one canonical
// encoding; anything else was crafted. A low-order point makes the X25519
// shared secret of age's ssh-ed25519 recipient a constant (all zero, which
// age refuses per file, too late); a point with a small-order component
// converts to an X25519 key no private key matches, so no one could decrypt
// what is encrypted to it; a non-canonical encoding is a second spelling of
// a key, with its own fingerprint and age tag.
var (
	errNonCanonical = errors.New("ssh-ed25519 key: non-canonical point encoding (no key generator writes it; the canonical form of this point is a different key text)")
	errLowOrder     = errors.New("ssh-ed25519 key: a low-order point (one of the 8 torsion points, [8]P = identity): no private key has it, and encrypting to it gives a known shared secret")
	errMixedOrder   = errors.New("ssh-ed25519 key: the point has a small-order component (not in the prime-order subgroup): no ed25519 private key has it, so nothing encrypted to it could be decrypted")
)
