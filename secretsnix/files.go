package secretsnix

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// MaxInputFile bounds every file read as input (the rules file, imports,
// readFile): a rules file names keys, and a multi-gigabyte "key" is a
// mistake or an attack, not something to load into memory.
const MaxInputFile = 16 << 20

// files is the evaluator's view of the file system: the disk with the
// Options.Overlay on top, the idea of `go build -overlay`. Every read of
// input goes through it, so an editor can evaluate its edits before they
// are written. Overlay keys are absolute, cleaned file names; a nil value
// is a file deleted.
type files struct {
	overlay map[string][]byte
	real    map[string][]byte // the overlay by its names with the directory's symlinks resolved
}

func newFiles(overlay map[string][]byte) *files {
	if len(overlay) == 0 {
		return &files{}
	}
	x := &files{overlay: make(map[string][]byte, len(overlay)), real: map[string][]byte{}}
	for k, v := range overlay {
		k = filepath.Clean(k)
		x.overlay[k] = v
		if r, ok := x.realOverlay(k); ok {
			x.real[r] = v
		}
	}
	return x
}

// lookup finds name in the overlay, by its cleaned name and then by its
// name with symlinks resolved in its directory (the evaluator reads files
// by their real names).
func (x *files) lookup(name string) ([]byte, bool) {
	if x.overlay == nil {
		return nil, false
	}
	name = filepath.Clean(name)
	if b, ok := x.overlay[name]; ok {
		return b, true
	}
	b, ok := x.real[name]
	return b, ok
}

// realOverlay is an overlay name with its directory's symlinks resolved.
func (x *files) realOverlay(k string) (string, bool) {
	dir, err := filepath.EvalSymlinks(filepath.Dir(k))
	if err != nil {
		return "", false
	}
	return filepath.Join(dir, filepath.Base(k)), true
}

// realPath resolves symlinks as filepath.EvalSymlinks does, except that a
// file that exists only in the overlay resolves to itself (its directory
// resolved).
func (x *files) realPath(name string) (string, error) {
	if b, ok := x.lookup(name); ok {
		if b == nil {
			return "", &os.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
		}
		if real, err := filepath.EvalSymlinks(name); err == nil {
			return real, nil
		}
		if real, ok := x.realOverlay(filepath.Clean(name)); ok {
			return real, nil
		}
		return filepath.Clean(name), nil
	}
	return filepath.EvalSymlinks(name)
}

// isDir reports whether name is a directory on disk (overlay entries are
// files).
func (x *files) isDir(name string) bool {
	if _, ok := x.lookup(name); ok {
		return false
	}
	st, err := os.Stat(name)
	return err == nil && st.IsDir()
}

// errTooLarge and errNotRegular are the input-safety refusals; callers
// prefix the file name.
var (
	errTooLarge   = errors.New("too large")
	errNotRegular = errors.New("not a regular file")
)

// read returns a file's contents: the overlay's, else the disk's, refusing
// anything but a regular file (a FIFO would block, /dev/zero never ends)
// and anything larger than limit bytes.
func (x *files) read(name string, limit int64) (string, error) {
	if b, ok := x.lookup(name); ok {
		if b == nil {
			return "", &os.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		if int64(len(b)) > limit {
			return "", errTooLarge
		}
		return string(b), nil
	}
	return readRegular(name, limit)
}

// readRegular reads a regular file of at most limit bytes. It opens with
// O_NONBLOCK, so that opening a FIFO does not wait for a writer, and
// checks the type on the open file, so that a swap after a stat cannot
// slip a device in.
func readRegular(name string, limit int64) (string, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", errNotRegular
	}
	if st.Size() > limit {
		return "", errTooLarge
	}
	var b strings.Builder
	b.Grow(int(st.Size()))
	// The file may grow after the stat: read at most one byte past the limit.
	n, err := io.Copy(&b, io.LimitReader(f, limit+1))
	if err != nil {
		return "", err
	}
	if n > limit {
		return "", errTooLarge
	}
	return b.String(), nil
}

// readDir lists a directory as builtins.readDir sees it: the disk's
// entries plus the overlay's files directly in dir. Names are sorted; the
// value is "regular", "directory", "symlink" or "unknown".
func (x *files) readDir(dir string) (map[string]string, []string, error) {
	out := map[string]string{}
	ents, err := os.ReadDir(dir)
	if err != nil && !(errors.Is(err, fs.ErrNotExist) && x.hasOverlayIn(dir)) {
		return nil, nil, err
	}
	for _, e := range ents {
		out[e.Name()] = entryType(e.Type())
	}
	clean := filepath.Clean(dir)
	realDir, rerr := filepath.EvalSymlinks(clean)
	for k, b := range x.overlay {
		d := filepath.Dir(k)
		if b == nil {
			if d == clean || (rerr == nil && d == realDir) {
				delete(out, filepath.Base(k))
			}
			continue
		}
		if d == clean || (rerr == nil && d == realDir) {
			out[filepath.Base(k)] = "regular"
		} else if r, ok := x.realOverlay(k); ok && rerr == nil && filepath.Dir(r) == realDir {
			out[filepath.Base(k)] = "regular"
		}
	}
	names := make([]string, 0, len(out))
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	return out, names, nil
}

func (x *files) hasOverlayIn(dir string) bool {
	clean := filepath.Clean(dir)
	for k := range x.overlay {
		if filepath.Dir(k) == clean {
			return true
		}
	}
	return false
}

func entryType(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "regular"
	case m.IsDir():
		return "directory"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	}
	return "unknown"
}

// inputError is the one-line error for a top-level input file that cannot
// be read: "FILE:1:1: too large (limit 16777216 bytes)".
func inputError(name string, err error) *Error {
	msg := unwrapPath(err).Error()
	if errors.Is(err, errTooLarge) {
		msg = fmt.Sprintf("too large (limit %d bytes)", MaxInputFile)
	}
	return &Error{File: name, Line: 1, Col: 1, Msg: msg}
}

// readInput is builtins.readFile's read: real is the resolved name, p the
// name as the file wrote it (for the message). The walk over unused
// bindings sets a lower readLimit.
func (ev *evaluator) readInput(real, p string, pos int) (string, error) {
	limit := int64(MaxInputFile)
	if ev.readLimit > 0 && ev.readLimit < limit {
		limit = ev.readLimit
	}
	data, err := ev.fs.read(real, limit)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return "", ev.errorf(pos, "cannot read '%s': larger than %d bytes", p, limit)
		}
		return "", ev.errorf(pos, "cannot read '%s': %v", p, unwrapPath(err))
	}
	return data, nil
}

// readDirEntries lists dir as the evaluator sees it (disk plus overlay): the hook
// builtins.readDir uses, so that a file created by an edit appears in the
// listing. The map gives each name's type as Nix names it.
func (ev *evaluator) readDirEntries(dir string) (map[string]string, []string, error) {
	return ev.fs.readDir(dir)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
