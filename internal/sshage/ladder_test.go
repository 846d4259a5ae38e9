package sshage

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"math/big"
	"testing"

	"golang.org/x/crypto/curve25519"
)

// refX25519 is the reference: x/crypto's X25519, whose only error for 32
// byte inputs is an all-zero output, reported here as 32 zero bytes.
func refX25519(t testing.TB, scalar, point []byte) []byte {
	t.Helper()
	out, err := curve25519.X25519(scalar, point)
	if err != nil {
		return make([]byte, 32)
	}
	return out
}

func checkLadder(t *testing.T, scalar, point []byte) {
	t.Helper()
	var s, p, got [32]byte
	copy(s[:], scalar)
	copy(p[:], point)
	x25519(&got, &s, &p)
	want := refX25519(t, scalar, point)
	if !bytes.Equal(got[:], want) {
		t.Fatalf("x25519(%x, %x) = %x, want %x", scalar, point, got, want)
	}
	if isZero(&got) != bytes.Equal(want, make([]byte, 32)) {
		t.Fatalf("isZero(%x) wrong", got)
	}
	if s != [32]byte(scalar) || p != [32]byte(point) {
		t.Fatal("x25519 modified its inputs")
	}
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		t.Fatalf("bad hex %q", s)
	}
	return b
}

// le encodes n as 32 little-endian bytes.
func le(n *big.Int) []byte {
	b := n.FillBytes(make([]byte, 32))
	for i, j := 0, 31; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return b
}

// TestLadderRFC7748 checks the test vectors of RFC 7748 §5.2, including
// the iterated one (1000 iterations).
func TestLadderRFC7748(t *testing.T) {
	for _, v := range []struct{ k, u, out string }{
		{"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
			"e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
			"c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
		{"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
			"e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
			"95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
	} {
		var k, u, got [32]byte
		copy(k[:], mustHex(t, v.k))
		copy(u[:], mustHex(t, v.u))
		x25519(&got, &k, &u)
		if hex.EncodeToString(got[:]) != v.out {
			t.Errorf("x25519(%s, %s) = %x, want %s", v.k, v.u, got, v.out)
		}
	}
	k := [32]byte{9}
	u := [32]byte{9}
	for i := 1; i <= 1000; i++ {
		var r [32]byte
		x25519(&r, &k, &u)
		u, k = k, r
		switch i {
		case 1:
			if hex.EncodeToString(k[:]) != "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079" {
				t.Fatalf("after 1 iteration: %x", k)
			}
		case 1000:
			if hex.EncodeToString(k[:]) != "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51" {
				t.Fatalf("after 1000 iterations: %x", k)
			}
		}
	}
}

// TestLadderRandom compares the ladder with x/crypto's X25519 on random
// scalars and points (random 32-byte strings: about half are on the
// twist, some have the top bit set, a few are non-canonical).
func TestLadderRandom(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		s, p := make([]byte, 32), make([]byte, 32)
		rand.Read(s)
		rand.Read(p)
		checkLadder(t, s, p)
		// And a genuine public key (on the curve, prime-order subgroup).
		checkLadder(t, s, refX25519(t, p, curve25519.Basepoint))
	}
}

// lowOrderPoints are the u-coordinates of points of order 1, 2, 4 and 8
// on Curve25519 and its twist, canonical and not, with and without the
// ignored top bit. X25519 of any of them is all zero.
func lowOrderPoints(t testing.TB) [][]byte {
	p := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))
	var out [][]byte
	for _, n := range []*big.Int{
		big.NewInt(0),                      // (0, 0), order 2
		big.NewInt(1),                      // order 4
		new(big.Int).Sub(p, big.NewInt(1)), // -1: order 4 on the twist
		p,                                  // 0, not canonical
		new(big.Int).Add(p, big.NewInt(1)), // 1, not canonical
	} {
		out = append(out, le(n))
	}
	out = append(out,
		// The two order-8 points.
		mustHex(t, "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
		mustHex(t, "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
	)
	for _, u := range out[:len(out):len(out)] {
		v := bytes.Clone(u)
		v[31] |= 0x80 // the top bit is ignored
		out = append(out, v)
	}
	return out
}

// TestLadderEdges compares the ladder with x/crypto's X25519 on edge
// scalars (all zero, all ones, clamping boundaries) and edge points (low
// order, non-canonical, the top bit set, p-1, 2^255-1), and checks that
// low-order points give the all-zero output age rejects.
func TestLadderEdges(t *testing.T) {
	scalars := [][]byte{make([]byte, 32), bytes.Repeat([]byte{0xff}, 32), {1}, {8}, {7}}
	for i := range scalars {
		scalars[i] = append(scalars[i], make([]byte, 32-len(scalars[i]))...)
	}
	top := make([]byte, 32)
	top[31] = 0x40
	scalars = append(scalars, top)
	r := make([]byte, 32)
	rand.Read(r)
	scalars = append(scalars, r)

	high := bytes.Repeat([]byte{0xff}, 32) // 2^256-1: 2^255-1 once the top bit is cleared
	canonHigh := bytes.Clone(high)
	canonHigh[31] = 0x7f
	points := [][]byte{curve25519.Basepoint, high, canonHigh, le(big.NewInt(2)), le(big.NewInt(9 + 1<<40))}
	for _, s := range scalars {
		for _, p := range points {
			checkLadder(t, s, p)
		}
		for _, p := range lowOrderPoints(t) {
			if _, err := curve25519.X25519(s, p); err == nil {
				t.Fatalf("x/crypto accepted %x: not a low-order point", p)
			}
			checkLadder(t, s, p)
			var ss, pp, got [32]byte
			copy(ss[:], s)
			copy(pp[:], p)
			if !isZero(x25519(&got, &ss, &pp)) {
				t.Fatalf("x25519(%x, low-order %x) = %x, want zero", s, p, got)
			}
		}
	}
}

func BenchmarkLadder(b *testing.B) {
	var s, p, out [32]byte
	rand.Read(s[:])
	copy(p[:], curve25519.Basepoint)
	for b.Loop() {
		x25519(&out, &s, &p)
	}
}
