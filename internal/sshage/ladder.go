package sshage

import "filippo.io/edwards25519/field"

// x25519 sets dst to X25519(scalar, point) as RFC 7748 §5 defines it: the
// scalar is clamped exactly as X25519 clamps it (low three bits cleared,
// bit 255 cleared, bit 254 set), the top bit of the u-coordinate is
// ignored and non-canonical u-coordinates are reduced modulo 2^255-19.
// An all-zero result (a low-order input point) is returned as is: the
// caller decides whether that is an error, as X25519 itself does not.
//
// It exists because golang.org/x/crypto/curve25519.X25519 and
// crypto/ecdh both need an ecdh.PrivateKey for the scalar, and building
// one computes its public key: a second, wasted scalar multiplication for
// a scalar used once. This is a single ladder and nothing else.
//
// It runs in constant time: the scalar bits drive conditional swaps
// (field.Element.Swap, a masked exchange), never branches or indexes, and
// every field operation is constant time, so neither the scalar nor the
// point leaks through timing. In age's ssh-ed25519 the scalar (the tweak)
// is public, but the point (a Diffie-Hellman shared secret) is not.
func x25519(dst, scalar, point *[32]byte) *[32]byte {
	// Clamp a copy (RFC 7748 decodeScalar25519).
	k := *scalar
	k[0] &= 248
	k[31] &= 127
	k[31] |= 64

	// SetBytes ignores bit 255 and accepts values >= p, reducing them,
	// which is RFC 7748's decodeUCoordinate; it cannot fail on 32 bytes.
	var x1 field.Element
	if _, err := x1.SetBytes(point[:]); err != nil {
		panic("sshage: field.Element.SetBytes failed on 32 bytes")
	}

	// (x2:z2) is the running multiple n·P and (x3:z3) is (n+1)·P, in
	// projective x-only coordinates; x1 is the affine u of P itself,
	// which the differential addition needs.
	var x2, z2, x3, z3 field.Element
	x2.One()
	z2.Zero()
	x3.Set(&x1)
	z3.One()

	var a, aa, b, bb, e, c, d, da, cb, t field.Element
	swap := 0
	// Bit 255 is cleared by clamping, so the ladder starts at bit 254.
	for pos := 254; pos >= 0; pos-- {
		bit := int(k[pos>>3]>>(pos&7)) & 1
		// Swap only when the bit differs from the previous one; the pair
		// stays swapped between steps (RFC 7748's deferred cswap).
		swap ^= bit
		x2.Swap(&x3, swap)
		z2.Swap(&z3, swap)
		swap = bit

		a.Add(&x2, &z2)       // A = x2 + z2
		aa.Square(&a)         // AA = A^2
		b.Subtract(&x2, &z2)  // B = x2 - z2
		bb.Square(&b)         // BB = B^2
		e.Subtract(&aa, &bb)  // E = AA - BB
		c.Add(&x3, &z3)       // C = x3 + z3
		d.Subtract(&x3, &z3)  // D = x3 - z3
		da.Multiply(&d, &a)   // DA = D * A
		cb.Multiply(&c, &b)   // CB = C * B
		x3.Add(&da, &cb)      //
		x3.Square(&x3)        // x3 = (DA + CB)^2
		z3.Subtract(&da, &cb) //
		z3.Square(&z3)        //
		z3.Multiply(&z3, &x1) // z3 = x1 * (DA - CB)^2
		x2.Multiply(&aa, &bb) // x2 = AA * BB
		t.Mult32(&e, 121665)  // a24 = (486662 - 2) / 4
		t.Add(&t, &aa)        //
		z2.Multiply(&e, &t)   // z2 = E * (AA + a24 * E)
	}
	x2.Swap(&x3, swap)
	z2.Swap(&z3, swap)

	// u = x2 / z2. Invert maps 0 to 0, so the point at infinity (z2 = 0),
	// reached from low-order inputs, comes out as the all-zero u that
	// X25519 returns for it.
	z2.Invert(&z2)
	x2.Multiply(&x2, &z2)
	copy(dst[:], x2.Bytes())
	return dst
}

// isZero reports, in constant time, whether x is all zeros: the output of
// X25519 for a low-order point, which age (like crypto/ecdh) rejects as a
// shared secret.
func isZero(x *[32]byte) bool {
	var acc byte
	for _, v := range x {
		acc |= v
	}
	return acc == 0
}
