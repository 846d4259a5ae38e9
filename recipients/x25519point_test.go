package recipients

import (
	"math/big"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/curve25519"
)

// le encodes x as 32 little-endian bytes, as an age1 payload holds u.
func le(x *big.Int) []byte {
	b := x.FillBytes(make([]byte, 32))
	for i, j := 0, 31; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return b
}

func bigDec(t *testing.T, s string) *big.Int {
	x, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatal(s)
	}
	return x
}

// onCurveEuler decides curve membership by Euler's criterion, another way
// than the big.Jacobi the code uses.
func onCurveEuler(u *big.Int) bool {
	p := curveP
	rhs := new(big.Int).Exp(u, big.NewInt(3), p)
	rhs.Add(rhs, new(big.Int).Mul(big.NewInt(486662), new(big.Int).Mul(u, u)))
	rhs.Add(rhs, u)
	rhs.Mod(rhs, p)
	e := new(big.Int).Rsh(new(big.Int).Sub(p, big.NewInt(1)), 1)
	return new(big.Int).Exp(rhs, e, p).Cmp(big.NewInt(1)) == 0
}

func TestParseRefusesCraftedX25519(t *testing.T) {
	p := curveP
	one := big.NewInt(1)
	type tc struct {
		name string
		u    []byte
		want string
	}
	cases := []tc{
		// The small-order u-coordinates of Curve25519 and its twist, as the
		// X25519 blocklists (libsodium's) list them.
		{"u = 0", le(big.NewInt(0)), "low-order"},
		{"u = 1", le(one), "low-order"},
		{"order 8 (a)", le(bigDec(t, "325606250916557431795983626356110631294008115727848805560023387167927233504")), "low-order"},
		{"order 8 (b)", le(bigDec(t, "39382357235489614581723060781553021112529911719440698176882885853963445705823")), "low-order"},
		{"u = p-1", le(new(big.Int).Sub(p, one)), "low-order"},
		{"u = p", le(p), "non-canonical"},
		{"u = p+1", le(new(big.Int).Add(p, one)), "non-canonical"},
		{"u = 2^255-1", le(new(big.Int).Sub(new(big.Int).Lsh(one, 255), one)), "non-canonical"},
	}
	xid, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	real, _ := Parse(xid.Recipient().String())
	topBit := append([]byte{}, real.Wire()...)
	topBit[31] |= 0x80
	cases = append(cases, tc{"real key with the top bit set", topBit, "non-canonical"})
	twists := 0
	for u := int64(2); twists < 3; u++ {
		if !onCurveEuler(big.NewInt(u)) {
			cases = append(cases, tc{"twist point u=" + big.NewInt(u).String(), le(big.NewInt(u)), "twist"})
			twists++
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustBech32(t, "age", c.u)
			r, err := Parse(s)
			if err == nil {
				t.Fatalf("accepted %v", r)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("%q, want it to say %q", err, c.want)
			}
		})
	}
}

// The list of small-order u is exactly what X25519 itself sends to zero:
// each listed u fails X25519, and neighbours do not.
func TestSmallOrderList(t *testing.T) {
	var scalar [32]byte
	scalar[0] = 1
	for _, u := range smallOrderU {
		if _, err := curve25519.X25519(scalar[:], le(u)); err == nil {
			t.Errorf("u = %v is listed as small order but X25519 accepts it", u)
		}
		for _, d := range []int64{-2, 2} {
			n := new(big.Int).Add(u, big.NewInt(d))
			if n.Sign() < 0 || n.Cmp(curveP) >= 0 {
				continue
			}
			if _, err := curve25519.X25519(scalar[:], le(n)); err != nil {
				t.Errorf("u = %v gives a zero shared secret but is not listed", n)
			}
		}
	}
}

// No real key is refused: generated identities, and the X25519 form of
// real ed25519 keys (what sops-nix encrypts to).
func TestParseAcceptsRealX25519(t *testing.T) {
	for i := 0; i < 200; i++ {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		r, err := Parse(id.Recipient().String())
		if err != nil {
			t.Fatalf("real key %s refused: %v", id.Recipient(), err)
		}
		if u := new(big.Int).SetBytes(reverse(r.Wire())); !onCurveEuler(u) {
			t.Fatalf("a generated key is not on the curve by Euler's criterion: the oracle is wrong")
		}
	}
	ed, err := Parse(readTestdata(t, "ed25519.pub"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ed.ToAgeX25519(); err != nil {
		t.Fatal(err)
	}
}

func reverse(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[len(b)-1-i] = c
	}
	return out
}
