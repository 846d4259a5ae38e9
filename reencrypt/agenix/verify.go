package agenix

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"os"
	"syscall"

	"github.com/nfrekey/nfrekey/internal/agefile"
)

// verifyOnDisk proves, while a planned file is opened and before any temp
// file exists, that its payload decrypts with fileKey (every STREAM chunk's
// tag, up to a final chunk): a truncated or bit-flipped file is then an
// exit 2 that created nothing, not even a temp beside it (its directory's
// mtime stays). It returns the SHA-256 of the bytes it verified, which the
// stage compares with the bytes it rewrites, so that only verified bytes
// are ever rewrapped.
//
// A file that is no longer the one the audit read (info), or that cannot be
// read, is not an error here: verified is then nil and the stage, which
// re-checks the file's state and verifies what it reads, reports it (a
// concurrent save fails that file alone, exit 1).
func verifyOnDisk(ctx context.Context, path string, info os.FileInfo, fileKey []byte) (verified []byte, err error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || !sameState(st, info) {
		return nil, nil
	}
	h := sha256.New()
	if err := agefile.VerifyPayload(ctxReader{ctx, io.TeeReader(f, h)}, fileKey); err != nil {
		if isContentError(ctx, err) {
			return nil, err
		}
		return nil, nil
	}
	// Bytes after the age payload (rare) count in the hash too.
	if _, err := io.Copy(h, f); err != nil {
		return nil, nil
	}
	return h.Sum(nil), nil
}

// sameBytes reports whether the bytes a stage read are those verified at
// open (verified nil: not verified there, nothing to compare).
func sameBytes(verified, read []byte) bool {
	return verified == nil || bytes.Equal(verified, read)
}
