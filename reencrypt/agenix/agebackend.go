package agenix

// The age file format is internal/agefile's; this file is the little glue
// the rest of the package uses.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"

	"filippo.io/age"

	"github.com/nfrekey/nfrekey/internal/agefile"
)

// readHeaderFile reads only the header of the age file at path. Errors do
// not repeat the path (callers name the secret).
func readHeaderFile(path string) (*agefile.Header, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return agefile.ReadHeader(f)
}

// writeAge writes to dst (a new, empty file) the age file src brought to
// its new recipients: a header-only rewrap adding recips (payload bytes
// copied in the kernel where possible), or, fresh, a full re-encryption to
// recips under a new file key, armored as armored. fileKey is src's file
// key, already unwrapped, so no asymmetric operation is repeated. It
// returns the SHA-256 of what it wrote. A re-encryption stops at the next
// read once ctx is done; a rewrap's kernel copy is not interruptible, and
// is cheap.
func writeAge(ctx context.Context, dst, src *os.File, fileKey []byte, recips []age.Recipient, fresh, armored bool) (string, error) {
	var err error
	if fresh {
		err = agefile.Reencrypt(dst, ctxReader{ctx, src}, []age.Identity{age.NewInjectedFileKeyIdentity(fileKey)}, recips, armored)
	} else {
		err = agefile.RewrapFile(dst, src, fileKey, nil, recips)
	}
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if _, err := dst.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(h, dst); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ctxReader fails its reads once ctx is done: the re-encryption reads its
// source a few KiB at a time, so it stops within one chunk of a cancel.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
