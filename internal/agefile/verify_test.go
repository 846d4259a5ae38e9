package agefile

import (
	"bytes"
	"errors"
	"testing"

	"filippo.io/age"
)

func TestVerifyPayload(t *testing.T) {
	id := newX25519(t)
	for _, armored := range []bool{false, true} {
		// Two chunks, so that dropping the last one still leaves whole
		// chunks: only the missing final flag tells.
		plain := bytes.Repeat([]byte("secret "), ChunkSize/7+100)
		file := encrypt(t, plain, armored, id.Recipient())
		key, err := mustHeader(t, file).UnwrapFileKey([]age.Identity{id})
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyPayload(bytes.NewReader(file), key); err != nil {
			t.Fatalf("armored=%v: intact file: %v", armored, err)
		}
		if armored {
			continue // the binary cases below cover the STREAM checks
		}
		flipped := bytes.Clone(file)
		flipped[len(flipped)-10] ^= 1
		hdrLen := len(mustHeader(t, file).Bytes())
		firstChunk := hdrLen + 16 + ChunkSize + 16 // header, nonce, one sealed chunk
		for name, bad := range map[string][]byte{
			"bit flipped":      flipped,
			"last chunk cut":   file[:firstChunk],
			"truncated inside": file[:len(file)-5],
		} {
			err := VerifyPayload(bytes.NewReader(bad), key)
			if err == nil {
				t.Errorf("%s: verified", name)
			}
			if name == "bit flipped" && !errors.Is(err, ErrCorruptPayload) {
				t.Errorf("%s: %v, want ErrCorruptPayload", name, err)
			}
		}
		wrong := make([]byte, len(key))
		if err := VerifyPayload(bytes.NewReader(file), wrong); err == nil {
			t.Error("a wrong file key verified")
		}
	}
}
