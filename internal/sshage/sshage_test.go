package sshage_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/sshage"
)

// key is one random ssh-ed25519 key in both implementations.
type key struct {
	priv     ed25519.PrivateKey
	pub      ssh.PublicKey
	ours     *sshage.Identity
	oursR    *sshage.Recipient
	theirs   *agessh.Ed25519Identity
	theirsR  *agessh.Ed25519Recipient
	wireText string
}

func newKey(t testing.TB) key {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return keyOf(t, pub, priv)
}

func keyOf(t testing.TB, pub ed25519.PublicKey, priv ed25519.PrivateKey) key {
	t.Helper()
	spk, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	k := key{priv: priv, pub: spk, wireText: string(ssh.MarshalAuthorizedKey(spk))}
	if k.ours, err = sshage.NewIdentity(priv); err != nil {
		t.Fatal(err)
	}
	if k.oursR, err = sshage.NewRecipient(spk); err != nil {
		t.Fatal(err)
	}
	if k.theirs, err = agessh.NewEd25519Identity(priv); err != nil {
		t.Fatal(err)
	}
	if k.theirsR, err = agessh.NewEd25519Recipient(spk); err != nil {
		t.Fatal(err)
	}
	return k
}

func randomFileKey(t testing.TB, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func wrap(t testing.TB, r age.Recipient, fileKey []byte) []*age.Stanza {
	t.Helper()
	s, err := r.Wrap(fileKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 1 {
		t.Fatalf("%T.Wrap gave %d stanzas", r, len(s))
	}
	return s
}

func unwrapOK(t testing.TB, id age.Identity, stanzas []*age.Stanza, want []byte) {
	t.Helper()
	got, err := id.Unwrap(stanzas)
	if err != nil {
		t.Fatalf("%T.Unwrap: %v", id, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%T.Unwrap = %x, want %x", id, got, want)
	}
}

// TestCrossCompatibility wraps with each implementation and unwraps with
// the other, over many random keys and file keys (16 bytes as age uses,
// and other lengths, which agessh does not restrict either).
func TestCrossCompatibility(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 20
	}
	for i := range n {
		k := newKey(t)
		fileKey := randomFileKey(t, []int{16, 16, 16, 0, 1, 32, 100}[i%7])

		ours := wrap(t, k.oursR, fileKey)
		unwrapOK(t, k.theirs, ours, fileKey)
		unwrapOK(t, k.ours, ours, fileKey)

		theirs := wrap(t, k.theirsR, fileKey)
		unwrapOK(t, k.ours, theirs, fileKey)

		// The recipient an identity gives is the same key.
		unwrapOK(t, k.theirs, wrap(t, k.ours.Recipient(), fileKey), fileKey)

		// Same stanza shape: type, tag, share length, body length.
		o, a := ours[0], theirs[0]
		if o.Type != a.Type || len(o.Args) != 2 || o.Args[0] != a.Args[0] ||
			len(o.Args[1]) != len(a.Args[1]) || len(o.Body) != len(a.Body) {
			t.Fatalf("stanza shapes differ:\nours   %+v\nagessh %+v", o, a)
		}
		// The share is fresh for each wrap.
		if again := wrap(t, k.oursR, fileKey); again[0].Args[1] == o.Args[1] || bytes.Equal(again[0].Body, o.Body) {
			t.Fatal("two wraps gave the same ephemeral share or body")
		}
	}
}

// TestOtherKeysRefused: a stanza for another key, whichever
// implementation wrapped it, is age.ErrIncorrectIdentity for both.
func TestOtherKeysRefused(t *testing.T) {
	a, b := newKey(t), newKey(t)
	fileKey := randomFileKey(t, 16)
	for _, s := range [][]*age.Stanza{wrap(t, a.oursR, fileKey), wrap(t, a.theirsR, fileKey)} {
		for _, id := range []age.Identity{b.ours, b.theirs} {
			if _, err := id.Unwrap(s); !errors.Is(err, age.ErrIncorrectIdentity) {
				t.Fatalf("%T.Unwrap of another key's stanza: %v", id, err)
			}
		}
	}
}

// TestEncryptDecrypt runs whole files through age.Encrypt/Decrypt with
// recipients and identities of both implementations mixed.
func TestEncryptDecrypt(t *testing.T) {
	k1, k2, k3 := newKey(t), newKey(t), newKey(t)
	x, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	plain := randomFileKey(t, 70000) // more than one payload chunk
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, k1.oursR, k2.theirsR, x.Recipient(), k3.oursR)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	enc := buf.Bytes()
	for _, ids := range [][]age.Identity{
		{k1.ours}, {k1.theirs}, {k2.ours}, {k2.theirs}, {k3.ours}, {k3.theirs},
		{newKey(t).ours, k3.ours},   // a non-matching identity first
		{k2.theirs, k1.ours},        // both match
		{newKey(t).theirs, k2.ours}, // agessh misses, ours matches
	} {
		r, err := age.Decrypt(bytes.NewReader(enc), ids...)
		if err != nil {
			t.Fatalf("Decrypt with %T...: %v", ids[0], err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("Decrypt with %T...: wrong plaintext (%v)", ids[0], err)
		}
	}
	var nomatch *age.NoIdentityMatchError
	if _, err := age.Decrypt(bytes.NewReader(enc), newKey(t).ours); !errors.As(err, &nomatch) {
		t.Fatalf("Decrypt with a stranger's key: %v, want NoIdentityMatchError", err)
	}
}

// outcome is what Unwrap returned, comparable across implementations:
// the file key, "incorrect identity", or the error text.
func outcome(fileKey []byte, err error) string {
	switch {
	case errors.Is(err, age.ErrIncorrectIdentity):
		return "ErrIncorrectIdentity"
	case err != nil:
		return "error: " + err.Error()
	}
	return fmt.Sprintf("file key %x", fileKey)
}

func b64(b []byte) string { return base64.RawStdEncoding.EncodeToString(b) }

// TestUnwrapLikeAgessh feeds both implementations the same valid,
// malformed, foreign and hostile stanza lists and wants the same outcome,
// error text included.
func TestUnwrapLikeAgessh(t *testing.T) {
	k, other := newKey(t), newKey(t)
	fileKey := randomFileKey(t, 16)
	good := wrap(t, k.oursR, fileKey)[0]
	foreign := wrap(t, other.oursR, fileKey)[0]
	tag := good.Args[0]
	mod := func(f func(s *age.Stanza)) *age.Stanza {
		s := &age.Stanza{Type: good.Type, Args: append([]string(nil), good.Args...), Body: bytes.Clone(good.Body)}
		f(s)
		return s
	}
	share := func(b []byte) *age.Stanza { return mod(func(s *age.Stanza) { s.Args[1] = b64(b) }) }
	lowOrder := [][]byte{
		make([]byte, 32),
		append([]byte{1}, make([]byte, 31)...),
		mustDecodeHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
		mustDecodeHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
		mustDecodeHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
		mustDecodeHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
		mustDecodeHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
	}
	cases := map[string][]*age.Stanza{
		"none":          nil,
		"good":          {good},
		"foreign":       {foreign},
		"foreign, good": {foreign, good},
		"X25519 type":   {mod(func(s *age.Stanza) { s.Type = "X25519" }), good},
		"ssh-rsa type":  {mod(func(s *age.Stanza) { s.Type = "ssh-rsa" })},
		"one arg":       {mod(func(s *age.Stanza) { s.Args = s.Args[:1] }), good},
		"three args":    {mod(func(s *age.Stanza) { s.Args = append(s.Args, "x") })},
		"no args":       {mod(func(s *age.Stanza) { s.Args = nil })},
		"bad base64":    {mod(func(s *age.Stanza) { s.Args[1] = "!!!!" }), good},
		"padded base64": {mod(func(s *age.Stanza) { s.Args[1] += "=" })},
		"newline":       {mod(func(s *age.Stanza) { s.Args[1] = s.Args[1][:20] + "\n" + s.Args[1][20:] })},
		"CR":            {mod(func(s *age.Stanza) { s.Args[1] = s.Args[1][:20] + "\r" + s.Args[1][20:] })},
		"non-canonical": {mod(func(s *age.Stanza) { s.Args[1] = s.Args[1][:42] + "B" })},
		"short share":   {share(make([]byte, 31))},
		"long share":    {share(make([]byte, 33))},
		"empty share":   {share(nil)},
		"bad share, other tag": {mod(func(s *age.Stanza) {
			s.Args[0] = foreign.Args[0]
			s.Args[1] = "x"
		})},
		"wrong tag":      {mod(func(s *age.Stanza) { s.Args[0] = "AAAAAA" })},
		"foreign body":   {mod(func(s *age.Stanza) { s.Body = foreign.Body })},
		"flipped body":   {mod(func(s *age.Stanza) { s.Body[3] ^= 1 })},
		"short body":     {mod(func(s *age.Stanza) { s.Body = s.Body[:15] })},
		"empty body":     {mod(func(s *age.Stanza) { s.Body = nil })},
		"foreign share":  {mod(func(s *age.Stanza) { s.Args[1] = foreign.Args[1] })},
		"colliding tag":  {mod(func(s *age.Stanza) { s.Args[1], s.Body = foreign.Args[1], foreign.Body })},
		"low order, tag": {share(lowOrder[0]), good},
		"bad, then good": {mod(func(s *age.Stanza) { s.Args[1] = "x" }), good},
		"good, then bad": {good, mod(func(s *age.Stanza) { s.Args[1] = "x" })},
		"top bit set": {mod(func(s *age.Stanza) {
			raw, _ := base64.RawStdEncoding.DecodeString(s.Args[1])
			raw[31] |= 0x80
			s.Args[1] = b64(raw)
		})},
	}
	for i, p := range lowOrder {
		cases[fmt.Sprintf("low-order share %d", i)] = []*age.Stanza{share(p)}
		cases[fmt.Sprintf("low-order share %d, other tag", i)] = []*age.Stanza{mod(func(s *age.Stanza) {
			s.Args[0] = foreign.Args[0]
			s.Args[1] = b64(p)
		}), good}
	}
	if tag == foreign.Args[0] {
		t.Skip("tags collide (2^-32)")
	}
	sawError := false
	for name, stanzas := range cases {
		ours := outcome(k.ours.Unwrap(stanzas))
		theirs := outcome(k.theirs.Unwrap(stanzas))
		if ours != theirs {
			t.Errorf("%s: ours %s, agessh %s", name, ours, theirs)
		}
		sawError = sawError || strings.HasPrefix(ours, "error")
	}
	if !sawError {
		t.Error("no case produced an error: the table tests nothing")
	}
}

func mustDecodeHex(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i += 2 {
		var v byte
		fmt.Sscanf(s[i:i+2], "%02x", &v)
		b = append(b, v)
	}
	return b
}

// TestLowOrderRecipient: an ssh-ed25519 key that is a low-order Edwards
// point parses in both, and both refuse to Wrap to it (all-zero shared
// secret).
func TestLowOrderRecipient(t *testing.T) {
	for _, enc := range []string{
		"0100000000000000000000000000000000000000000000000000000000000000", // identity
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
		"0000000000000000000000000000000000000000000000000000000000000000", // order 4
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
	} {
		spk, err := ssh.NewPublicKey(ed25519.PublicKey(mustDecodeHex(enc)))
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := agessh.NewEd25519Recipient(spk)
		if err != nil {
			t.Fatalf("%s: agessh: %v", enc, err)
		}
		ours, err := sshage.NewRecipient(spk)
		if err != nil {
			t.Fatalf("%s: NewRecipient: %v", enc, err)
		}
		_, errA := theirs.Wrap(randomFileKey(t, 16))
		_, errO := ours.Wrap(randomFileKey(t, 16))
		if errA == nil || errO == nil || errA.Error() != errO.Error() {
			t.Errorf("%s: Wrap: ours %v, agessh %v; want the same error", enc, errO, errA)
		}
	}
}

// TestConstructorErrors: keys of other types and invalid points.
func TestConstructorErrors(t *testing.T) {
	// Not on the curve (y = 2 has no x).
	bad, err := ssh.NewPublicKey(ed25519.PublicKey(mustDecodeHex("0200000000000000000000000000000000000000000000000000000000000000")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sshage.NewRecipient(bad); err == nil {
		t.Error("NewRecipient accepted a point not on the curve")
	} else if _, errA := agessh.NewEd25519Recipient(bad); errA == nil || errA.Error() != err.Error() {
		t.Errorf("NewRecipient: %v, agessh: %v", err, errA)
	}
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaPub, err := ssh.NewPublicKey(&rk.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sshage.NewRecipient(rsaPub); err == nil {
		t.Error("NewRecipient accepted an ssh-rsa key")
	}
	if _, err := sshage.NewIdentity(make(ed25519.PrivateKey, 10)); err == nil {
		t.Error("NewIdentity accepted a 10-byte key")
	}
}
