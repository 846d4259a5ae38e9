package recipients

import (
	"errors"
	"math/big"
)

// Why an age1 X25519 recipient that decodes is still refused: a real one is
// the u-coordinate of [s]B, written canonically (u < p, top bit clear) and
// on the curve. A low-order u makes every shared secret zero, which age
// refuses when it encrypts, one file at a time; a u on the quadratic twist
// or a non-canonical spelling belongs to no age identity.
var (
	errX25519NonCanonical = errors.New("age recipient: non-canonical X25519 key (u-coordinate not below 2^255-19)")
	errX25519LowOrder     = errors.New("age recipient: a low-order X25519 point: no identity has it, and encrypting to it gives a known shared secret")
	errX25519Twist        = errors.New("age recipient: not a point of Curve25519 (it lies on the twist): no age identity has it")
)

var curveP = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))

// smallOrderU are the canonical u-coordinates of the points of small order
// on Curve25519 and its twist (orders 1, 2, 4 and 8): the ones X25519 sends
// to zero with any clamped scalar, as the test checks. Comparing against
// them costs nothing next to a scalar multiplication.
var smallOrderU = []*big.Int{
	big.NewInt(0),
	big.NewInt(1),
	bigFromDecimal("325606250916557431795983626356110631294008115727848805560023387167927233504"),
	bigFromDecimal("39382357235489614581723060781553021112529911719440698176882885853963445705823"),
	new(big.Int).Sub(curveP, big.NewInt(1)),
}

func bigFromDecimal(s string) *big.Int {
	x, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad constant " + s) // a literal above: cannot happen
	}
	return x
}

// checkX25519Point checks a 32-byte little-endian u-coordinate.
func checkX25519Point(u []byte) error {
	be := make([]byte, len(u))
	for i, b := range u {
		be[len(u)-1-i] = b
	}
	x := new(big.Int).SetBytes(be)
	if x.Cmp(curveP) >= 0 {
		return errX25519NonCanonical
	}
	for _, low := range smallOrderU {
		if x.Cmp(low) == 0 {
			return errX25519LowOrder
		}
	}
	// On the curve v² = u³ + 486662u² + u iff the right side is a square mod p
	// (it is not 0: u = 0 has small order).
	rhs := new(big.Int).Mul(x, x)
	rhs.Add(rhs, new(big.Int).Mul(big.NewInt(486662), x))
	rhs.Add(rhs, big.NewInt(1))
	rhs.Mul(rhs, x)
	rhs.Mod(rhs, curveP)
	if big.Jacobi(rhs, curveP) != 1 {
		return errX25519Twist
	}
	return nil
}
