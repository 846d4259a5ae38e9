// Package inputfile reads the small files a run takes as input (identity
// files, the lock file) the way hostile input requires: only regular
// files, opened without blocking (a FIFO or device fails at once instead
// of hanging a CI job), and bounded (/dev/zero or a huge file is a clear
// error, not an out-of-memory crash).
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrTooLarge is wrapped when a file exceeds the limit given to Read.
var ErrTooLarge = errors.New("file too large")

// Read returns the content of the regular file at path, at most limit
// bytes. Errors are one line and wrap fs errors (fs.ErrNotExist...).
func Read(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("not a regular file (%s)", kind(st.Mode()))}
	}
	if st.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (%d bytes, the limit is %d)", ErrTooLarge, st.Size(), limit)}
	}
	// The size may grow while reading: the limit holds regardless.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (over %d bytes)", ErrTooLarge, limit)}
	}
	return data, nil
}

func kind(m fs.FileMode) string {
	switch t := m.Type(); {
	case t&fs.ModeDir != 0:
		return "a directory"
	case t&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case t&fs.ModeCharDevice != 0, t&fs.ModeDevice != 0:
		return "a device"
	case t&fs.ModeSocket != 0:
		return "a socket"
	default:
		return t.String()
	}
}
