package recipients

import (
	"bytes"
	"errors"
	"sync"

	"filippo.io/edwards25519"
)

// checkEd25519Point accepts exactly the public keys an ed25519 private key
// can have: a canonical encoding of a point of the prime-order subgroup
// (see errLowOrder and the others for why each refusal matters).
func checkEd25519Point(pub []byte) error {
	p, err := new(edwards25519.Point).SetBytes(pub)
	if err != nil {
		return errors.New("ssh-ed25519 key: not a valid curve point")
	}
	// SetBytes accepts non-canonical encodings; Bytes writes the canonical one.
	if !bytes.Equal(p.Bytes(), pub) {
		return errNonCanonical
	}
	p8 := new(edwards25519.Point).MultByCofactor(p)
	if p8.Equal(edwards25519.NewIdentityPoint()) == 1 {
		return errLowOrder
	}
	// P = Q + T with Q of prime order l and T of order dividing 8; [8]P = [8]Q,
	// and multiplying by 8⁻¹ mod l gives back Q, which equals P iff T = 0.
	// Variable time is fine: a public key is public.
	q := new(edwards25519.Point).VarTimeDoubleScalarBaseMult(invEight(), p8, edwards25519.NewScalar())
	if q.Equal(p) != 1 {
		return errMixedOrder
	}
	return nil
}

// invEight is 8⁻¹ mod l, the order of the prime-order subgroup; computed
// once, immutable.
var invEight = sync.OnceValue(func() *edwards25519.Scalar {
	var eight [32]byte
	eight[0] = 8
	s, err := edwards25519.NewScalar().SetCanonicalBytes(eight[:])
	if err != nil {
		panic(err) // 8 < l: cannot happen
	}
	return s.Invert(s)
})
