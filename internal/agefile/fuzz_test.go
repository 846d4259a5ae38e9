package agefile

import (
	"bytes"
	"io"
	"slices"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// FuzzReadHeader: no panic; a parsed header re-encodes to its own bytes,
// which parse to the same header; and, for binary input, ReadHeader accepts
// exactly what age's own parser accepts, with the same header bytes.
func FuzzReadHeader(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(v.file[:min(len(v.file), 8<<10)])
	}
	for _, s := range []string{"", "hello\n", "age-encryption.org/v1\n", "age-encryption.org/v1\n-> X\n\n--- AAAA\n",
		armor.Header + "\n", "sops:\n  age: []\n", string(make([]byte, 64))} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadHeader(bytes.NewReader(data))
		if !isArmored(data) {
			_, ageErr := age.ExtractHeader(bytes.NewReader(data))
			if (err == nil) != (ageErr == nil) {
				t.Fatalf("ReadHeader: %v; age: %v", err, ageErr)
			}
		}
		if err != nil {
			return
		}
		if !isArmored(data) {
			ageHdr, _ := age.ExtractHeader(bytes.NewReader(data))
			if !bytes.Equal(ageHdr, h.Bytes()) {
				t.Fatalf("header bytes %q, age's %q", h.Bytes(), ageHdr)
			}
			if !bytes.HasPrefix(data, h.Bytes()) || int64(len(h.Bytes())) != h.PayloadOffset {
				t.Fatal("Bytes is not the input's prefix of PayloadOffset bytes")
			}
		}
		var enc bytes.Buffer
		if err := h.Encode(&enc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(enc.Bytes(), h.Bytes()) {
			t.Fatalf("Encode %q != Bytes %q", enc.Bytes(), h.Bytes())
		}
		h2, err := ReadHeader(io.MultiReader(bytes.NewReader(enc.Bytes()), bytes.NewReader(make([]byte, 32))))
		if err != nil {
			t.Fatalf("re-encoded header does not parse: %v", err)
		}
		if !bytes.Equal(h2.MAC, h.MAC) || len(h2.Stanzas) != len(h.Stanzas) {
			t.Fatal("re-parsed header differs")
		}
		for i, s := range h.Stanzas {
			s2 := h2.Stanzas[i]
			if s.Type != s2.Type || !slices.Equal(s.Args, s2.Args) || !bytes.Equal(s.Body, s2.Body) {
				t.Fatalf("stanza %d differs after re-encoding", i)
			}
		}
		h.SSHTags()
		h.Unknown()
	})
}
