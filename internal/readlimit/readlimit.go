// Package readlimit opens input files the way a tool fed by other people's
// repos must: only regular files (a FIFO, a device or a socket is refused at
// once, never waited on or read forever) and only up to a size limit, past
// which the error says so instead of the process running out of memory.
package readlimit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by the error for a path that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error for a file over its size limit.
var ErrTooLarge = errors.New("file too large")

// Open opens the regular file at path for reading, following symlinks. It
// fails at once, without blocking, when path is a FIFO, a device, a socket
// or a directory, and when the file is larger than limit bytes (limit < 0:
// no limit). The size is checked at open: a caller reading a file that may
// grow meanwhile reads through io.LimitReader, or uses ReadFile.
func Open(path string, limit int64) (*os.File, error) {
	f, err := openNonblock(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := check(path, fi, limit); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadFile reads the whole regular file at path, of at most limit bytes
// (limit < 0: no limit), with Open's refusals. A file that grows past the
// limit while it is read is refused too: at most limit+1 bytes are read.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	buf, err := readAll(f, fi.Size(), limit)
	if errors.Is(err, ErrTooLarge) {
		return nil, tooLarge(path, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return buf, nil
}

// readAll reads r to its end, expecting about size bytes, and fails with
// ErrTooLarge after limit+1 bytes whatever size said.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	if limit >= 0 {
		r = io.LimitReader(r, limit+1)
		size = min(size, limit)
	}
	// One allocation of the expected size, plus a byte to see EOF or growth.
	buf := make([]byte, 0, max(size, 0)+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
	if limit >= 0 && int64(len(buf)) > limit {
		return nil, ErrTooLarge
	}
	return buf, nil
}

func check(path string, fi fs.FileInfo, limit int64) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: %w: it is %s", path, ErrNotRegular, describe(fi.Mode()))
	}
	if limit >= 0 && fi.Size() > limit {
		return tooLarge(path, limit)
	}
	return nil
}

func tooLarge(path string, limit int64) error {
	return fmt.Errorf("%s: %w: over the limit of %s", path, ErrTooLarge, Size(limit))
}

func describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "not a regular file (mode " + m.String() + ")"
}

// Size formats a byte count as the limits are written: "64 KiB", "1 MiB", "1500 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
