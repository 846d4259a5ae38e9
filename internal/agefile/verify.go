package agefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// VerifyPayload proves that the age file read from src decrypts with
// fileKey: the header MAC and every STREAM chunk's tag, up to a final
// chunk, so that a truncated or bit-flipped payload is an error before a
// header-only rewrap would bless it with a fresh MAC. The plaintext only
// passes through one 64 KiB buffer, cleared after, and is never written.
func VerifyPayload(src io.Reader, fileKey []byte) error {
	h, payload, err := readHeader(src)
	if err != nil {
		return err
	}
	dec, err := age.Decrypt(io.MultiReader(bytes.NewReader(h.raw), payload), age.NewInjectedFileKeyIdentity(fileKey))
	if err != nil {
		return fmt.Errorf("opening the age payload: %w", err)
	}
	buf := make([]byte, ChunkSize)
	defer clear(buf)
	if _, err := io.CopyBuffer(io.Discard, dec, buf); err != nil {
		var ae *armor.Error
		if errors.As(err, &ae) {
			return &HeaderError{Kind: ErrMalformed, Msg: "invalid ASCII armor in the payload", Err: err}
		}
		return fmt.Errorf("%w: the payload does not decrypt: %v", ErrCorruptPayload, err)
	}
	return nil
}
