package agenix

// The age file format is internal/agefile's; this file is the little glue
// the rest of the package uses.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"filippo.io/age"

	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/internal/txn"
)

// readHeaderFile reads only the header of the age file at path, and
// returns the file's state as read (to notice a later edit). It never
// blocks on a FIFO or device: only a regular file is read. Errors do not
// repeat the path (callers name the secret).
func readHeaderFile(path string) (*agefile.Header, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("not a regular file (%s)", st.Mode().Type())
	}
	h, err := agefile.ReadHeader(f)
	return h, st, err
}

// writeAge writes to dst (a new, empty file) the age file src brought to
// its new recipients: a header-only rewrap adding recips, once the payload
// is verified (payload bytes copied in the kernel where possible), or,
// fresh, a full re-encryption to recips under a new file key, armored as
// armored. fileKey is src's file key, already unwrapped, so no asymmetric
// operation is repeated. verified, when not nil, is the SHA-256 of the
// bytes Open proved to decrypt: src must be those bytes (else
// txn.ErrChanged: someone rewrote it in place), and a rewrap need not
// verify again. It returns the SHA-256 of what it wrote (hex) and of src.
// A re-encryption stops at the next read once ctx is done; a rewrap's
// kernel copy is not interruptible, and is cheap.
func writeAge(ctx context.Context, dst, src *os.File, fileKey []byte, recips []age.Recipient, fresh, armored bool, verified []byte) (string, []byte, error) {
	// Whatever path is taken, src is read once in full through srcSum:
	// the hash the commit compares with the file it displaces, and, when
	// Open verified the payload, with the bytes it verified.
	srcSum := sha256.New()
	var err error
	if fresh {
		err = agefile.Reencrypt(dst, ctxReader{ctx, io.TeeReader(src, srcSum)}, []age.Identity{age.NewInjectedFileKeyIdentity(fileKey)}, recips, armored)
		if err != nil && verified != nil && isContentError(ctx, err) {
			// The bytes Open verified decrypted: these are others.
			return "", nil, fmt.Errorf("%w (rewritten in place since it was opened)", txn.ErrChanged)
		}
	} else {
		// A rewrap copies the payload unread: it must be proven to
		// decrypt, or a corrupt file would get a fresh MAC and a lock
		// entry, and audit would then call it ok. Open proved it for the
		// bytes whose hash is verified; without that, prove it here.
		if verified == nil {
			err = agefile.VerifyPayload(ctxReader{ctx, io.TeeReader(src, srcSum)}, fileKey)
		}
		if err == nil {
			if _, err = io.Copy(srcSum, src); err == nil {
				if !sameBytes(verified, srcSum.Sum(nil)) {
					return "", nil, fmt.Errorf("%w (rewritten in place since it was opened)", txn.ErrChanged)
				}
				if _, err = src.Seek(0, io.SeekStart); err == nil {
					err = agefile.RewrapFile(dst, src, fileKey, nil, recips)
				}
			}
		}
	}
	if err != nil {
		return "", nil, err
	}
	if err := ctx.Err(); err != nil {
		return "", nil, err
	}
	if fresh {
		// Anything after the age payload (rare trailing bytes) counts too.
		if _, err := io.Copy(srcSum, src); err != nil {
			return "", nil, err
		}
		if !sameBytes(verified, srcSum.Sum(nil)) {
			return "", nil, fmt.Errorf("%w (rewritten in place since it was opened)", txn.ErrChanged)
		}
	}
	if _, err := dst.Seek(0, io.SeekStart); err != nil {
		return "", nil, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, dst); err != nil {
		return "", nil, err
	}
	return hex.EncodeToString(h.Sum(nil)), srcSum.Sum(nil), nil
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
