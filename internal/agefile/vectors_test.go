package agefile

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// The c2sp.org/CCTV/age vectors are copied in testdata/cctv (see its
// README): the module is not a dependency of nfrekey.

type vector struct {
	name        string
	expect      string
	payloadHash *[32]byte
	fileKey     []byte
	identities  []age.Identity
	passphrase  bool
	hybrid      bool
	armored     bool
	file        []byte
}

func loadVectors(t testing.TB) []*vector {
	t.Helper()
	dir := filepath.Join("testdata", "cctv")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var vs []*vector
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, parseVector(t, e.Name(), b))
	}
	if len(vs) < 140 {
		t.Fatalf("only %d CCTV vectors found in %s", len(vs), dir)
	}
	return vs
}

func parseVector(t testing.TB, name string, test []byte) *vector {
	t.Helper()
	v := &vector{name: name, file: test}
	var z bool
	for {
		line, rest, ok := bytes.Cut(v.file, []byte("\n"))
		if !ok {
			t.Fatalf("%s: no payload", name)
		}
		v.file = rest
		if len(line) == 0 {
			break
		}
		key, value, _ := strings.Cut(string(line), ": ")
		switch key {
		case "expect":
			v.expect = value
		case "payload":
			h, err := hex.DecodeString(value)
			if err != nil {
				t.Fatal(err)
			}
			v.payloadHash = (*[32]byte)(h)
		case "file key":
			h, err := hex.DecodeString(value)
			if err != nil {
				t.Fatal(err)
			}
			v.fileKey = h
		case "identity":
			var i age.Identity
			i, err := age.ParseX25519Identity(value)
			if err != nil {
				i, err = age.ParseHybridIdentity(value)
				v.hybrid = true
			}
			if err != nil {
				t.Fatal(err)
			}
			v.identities = append(v.identities, i)
		case "passphrase":
			i, err := age.NewScryptIdentity(value)
			if err != nil {
				t.Fatal(err)
			}
			v.identities = append(v.identities, i)
			v.passphrase = true
		case "armored":
			v.armored = true
		case "compressed":
			z = true
		case "comment":
		default:
			t.Fatalf("%s: unknown header key %q", name, key)
		}
	}
	if z {
		r, err := zlib.NewReader(bytes.NewReader(v.file))
		if err != nil {
			t.Fatal(err)
		}
		if v.file, err = io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

func TestCCTVVectors(t *testing.T) {
	counts := map[string]int{}
	for _, v := range loadVectors(t) {
		counts[v.expect]++
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			testVector(t, v)
		})
	}
	t.Logf("CCTV vectors by expectation: %v", counts)
}

func testVector(t *testing.T, v *vector) {
	h, err := ReadHeader(bytes.NewReader(v.file))

	// Oracle: age's own header parser must agree on every vector whose
	// armor (if any) is valid, and give the same bytes.
	if v.expect != "armor failure" {
		var in io.Reader = bytes.NewReader(v.file)
		if v.armored {
			in = armor.NewReader(in)
		}
		ageHdr, ageErr := age.ExtractHeader(in)
		if (err == nil) != (ageErr == nil) {
			t.Fatalf("ReadHeader error %v, age's parser error %v", err, ageErr)
		}
		if err == nil {
			if !bytes.Equal(h.Bytes(), ageHdr) {
				t.Fatalf("header bytes differ from age's:\n%q\n%q", h.Bytes(), ageHdr)
			}
			var enc bytes.Buffer
			if err := h.Encode(&enc); err != nil || !bytes.Equal(enc.Bytes(), h.Bytes()) {
				t.Fatalf("Encode gives %q (%v), want %q", enc.Bytes(), err, h.Bytes())
			}
		}
	}
	if err == nil && h.Armored != v.armored {
		t.Errorf("Armored = %v, want %v", h.Armored, v.armored)
	}

	switch v.expect {
	case "header failure":
		if err != nil {
			var he *HeaderError
			if !errors.As(err, &he) {
				t.Errorf("parse error is not a *HeaderError: %T %v", err, err)
			}
			t.Log(err)
			return
		}
		_, err := h.UnwrapFileKey(v.identities)
		if err == nil {
			// age counts the payload nonce as part of the header: a missing
			// or short nonce is a "header failure" that the payload shape
			// check and Reencrypt must catch.
			bin := deArmor(t, v.file)
			if err := CheckPayloadShape(int64(len(bin)) - h.PayloadOffset); !errors.Is(err, ErrTruncated) {
				t.Fatalf("header failure vector: header opens and CheckPayloadShape gave %v", err)
			}
			if err := Reencrypt(io.Discard, bytes.NewReader(v.file), v.identities, []age.Recipient{newX25519(t).Recipient()}, false); err == nil {
				t.Fatal("header failure vector: Reencrypt succeeded")
			}
			return
		}
		var nm *age.NoIdentityMatchError
		if errors.Is(err, ErrBadHeaderMAC) || errors.As(err, &nm) {
			t.Fatalf("header failure vector: UnwrapFileKey gave %v", err)
		}
		t.Log(err)
	case "HMAC failure":
		if err != nil {
			t.Fatal(err)
		}
		_, err := h.UnwrapFileKey(v.identities)
		if !errors.Is(err, ErrBadHeaderMAC) {
			t.Fatalf("want ErrBadHeaderMAC, got %v", err)
		}
	case "no match":
		if err != nil {
			t.Fatal(err)
		}
		_, err := h.UnwrapFileKey(v.identities)
		var nm *age.NoIdentityMatchError
		if !errors.As(err, &nm) || !errors.Is(err, age.ErrIncorrectIdentity) {
			t.Fatalf("want *age.NoIdentityMatchError, got %T %v", err, err)
		}
		for _, typ := range h.Types() {
			if !strings.Contains(err.Error(), typ) {
				t.Errorf("no-match error %q does not name stanza type %q", err, typ)
			}
		}
	case "armor failure":
		if err != nil {
			t.Log(err)
			return
		}
		// The armor breaks after the header: copying the payload must fail.
		if fk, uerr := h.UnwrapFileKey(v.identities); uerr == nil {
			var out bytes.Buffer
			if err := Rewrap(&out, bytes.NewReader(v.file), fk, nil, []age.Recipient{newX25519(t).Recipient()}); err == nil {
				t.Errorf("Rewrap of an armor-failure vector succeeded")
			}
		}
		if err := Reencrypt(io.Discard, bytes.NewReader(v.file), v.identities, []age.Recipient{newX25519(t).Recipient()}, true); err == nil {
			t.Errorf("Reencrypt of an armor-failure vector succeeded")
		}
	case "payload failure":
		if err != nil {
			t.Fatal(err)
		}
		fk, err := h.UnwrapFileKey(v.identities)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fk, v.fileKey) {
			t.Fatalf("file key %x, want %x", fk, v.fileKey)
		}
		var out bytes.Buffer
		if err := Reencrypt(&out, bytes.NewReader(v.file), v.identities, []age.Recipient{newX25519(t).Recipient()}, false); err == nil {
			t.Fatal("Reencrypt of a payload-failure vector succeeded")
		} else {
			t.Log(err)
		}
		// Rewrap is header-only: if it succeeds, the output must still
		// fail to decrypt, for the new recipient too.
		nid := newX25519(t)
		out.Reset()
		if err := Rewrap(&out, bytes.NewReader(v.file), fk, nil, []age.Recipient{nid.Recipient()}); err == nil {
			if _, err := decrypt(out.Bytes(), nid); err == nil {
				t.Fatal("rewrapped payload-failure vector decrypts")
			}
		}
	case "success":
		testSuccessVector(t, v, h, err)
	default:
		t.Fatalf("unknown expect %q", v.expect)
	}
}

func testSuccessVector(t *testing.T, v *vector, h *Header, err error) {
	if err != nil {
		t.Fatal(err)
	}
	bin := deArmor(t, v.file)
	if err := CheckPayloadShape(int64(len(bin)) - h.PayloadOffset); err != nil {
		t.Errorf("CheckPayloadShape: %v", err)
	}
	fk, err := h.UnwrapFileKey(v.identities)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fk, v.fileKey) {
		t.Fatalf("file key %x, want %x", fk, v.fileKey)
	}
	plain := mustDecrypt(t, v.file, age.NewInjectedFileKeyIdentity(fk))
	if sum(plain) != *v.payloadHash {
		t.Fatal("payload hash mismatch")
	}

	// Rewrap adding one recipient of the same kind.
	var newID age.Identity
	var newRcpt age.Recipient
	if v.hybrid {
		id := newHybrid(t)
		newID, newRcpt = id, id.Recipient()
	} else {
		id := newX25519(t)
		newID, newRcpt = id, id.Recipient()
	}
	var out bytes.Buffer
	err = Rewrap(&out, bytes.NewReader(v.file), fk, nil, []age.Recipient{newRcpt})
	mixed := h.X25519Count() > 0 && h.HybridCount() > 0
	switch {
	case v.passphrase:
		if err == nil || !strings.Contains(err.Error(), "scrypt") {
			t.Fatalf("Rewrap of a passphrase file: got %v, want an scrypt refusal", err)
		}
	case mixed:
		// A file mixing classic and post-quantum stanzas (which age itself
		// refuses to make): adding to it is refused like age.Encrypt would.
		if !errContains(err, "incompatible recipients") {
			t.Fatalf("Rewrap of a mixed classic/post-quantum file: got %v, want a refusal", err)
		}
	default:
		if err != nil {
			t.Fatal(err)
		}
		rw := out.Bytes()
		if isArmored(rw) != v.armored {
			t.Errorf("armor not preserved: %v", isArmored(rw))
		}
		nh := mustHeader(t, rw)
		if len(nh.Stanzas) != len(h.Stanzas)+1 {
			t.Fatalf("rewrapped header has %d stanzas, want %d", len(nh.Stanzas), len(h.Stanzas)+1)
		}
		for i := range h.Stanzas {
			if !bytes.Equal(nh.rawStanzas[i], h.rawStanzas[i]) {
				t.Errorf("stanza %d not kept byte for byte", i)
			}
		}
		if !bytes.Equal(payloadOf(t, rw), payloadOf(t, v.file)) {
			t.Error("payload bytes changed")
		}
		if got := mustDecrypt(t, rw, v.identities...); sum(got) != *v.payloadHash {
			t.Error("original identity: payload hash mismatch after rewrap")
		}
		if got := mustDecrypt(t, rw, newID); sum(got) != *v.payloadHash {
			t.Error("new identity: payload hash mismatch after rewrap")
		}
	}

	// Reencrypt to the new recipient only: the old identities lose access.
	out.Reset()
	if err := Reencrypt(&out, bytes.NewReader(v.file), v.identities, []age.Recipient{newRcpt}, v.armored); err != nil {
		t.Fatal(err)
	}
	if isArmored(out.Bytes()) != v.armored {
		t.Errorf("Reencrypt armor = %v, want %v", isArmored(out.Bytes()), v.armored)
	}
	if got := mustDecrypt(t, out.Bytes(), newID); sum(got) != *v.payloadHash {
		t.Error("Reencrypt: payload hash mismatch")
	}
	if _, err := decrypt(out.Bytes(), v.identities...); err == nil {
		t.Error("Reencrypt: the original identity still decrypts")
	}
}
