// Package plaintext keeps a secret's decrypted bytes, while an editor
// needs them as a file, in a private directory on a memory file system:
// never on a disk, where a deleted file's blocks outlive it. The caller
// gets a cleanup func that overwrites and removes everything, to run on
// every exit path (the command wires SIGINT/SIGTERM to it).
package plaintext

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Options say where the private directory may go.
type Options struct {
	// RuntimeDir is $XDG_RUNTIME_DIR ("" when unset): tried first.
	RuntimeDir string
	// ShmDir is tried next ("" means /dev/shm).
	ShmDir string
	// AllowDisk accepts a directory that is not memory-backed
	// (--allow-disk-temp), for systems without tmpfs.
	AllowDisk bool
	// DiskDir is where to go when AllowDisk and no memory directory exists
	// ("" means os.TempDir).
	DiskDir string
}

// Dir is a private directory holding plaintext files.
type Dir struct {
	Path string
	// Memory reports whether it is on a memory file system.
	Memory bool
}

// ErrNoMemoryDir is returned when no candidate is memory-backed and disk
// was not allowed.
var ErrNoMemoryDir = errors.New("no memory-backed directory for the plaintext ($XDG_RUNTIME_DIR and /dev/shm are missing or not tmpfs/ramfs); --allow-disk-temp writes it to disk instead")

// New creates the private directory (mode 0700) and returns it with its
// cleanup, which is idempotent and safe to call from a signal handler's
// goroutine.
func New(opts Options) (*Dir, func(), error) {
	shm := opts.ShmDir
	if shm == "" {
		shm = "/dev/shm"
	}
	var cands []string
	if opts.RuntimeDir != "" {
		cands = append(cands, opts.RuntimeDir)
	}
	cands = append(cands, shm)
	parent, memory := "", false
	for _, c := range cands {
		if ok, err := IsMemoryFS(c); err == nil && ok && writable(c) {
			parent, memory = c, true
			break
		}
	}
	if parent == "" {
		if !opts.AllowDisk {
			return nil, nil, ErrNoMemoryDir
		}
		parent = opts.DiskDir
		if parent == "" {
			parent = os.TempDir()
		}
	}
	var b [8]byte
	rand.Read(b[:])
	path := filepath.Join(parent, "nfrekey-"+hex.EncodeToString(b[:]))
	if err := os.Mkdir(path, 0o700); err != nil {
		return nil, nil, fmt.Errorf("plaintext directory: %w", err)
	}
	// Mkdir's mode passes through the umask; 0700 is what is promised.
	if err := os.Chmod(path, 0o700); err != nil {
		os.Remove(path)
		return nil, nil, fmt.Errorf("plaintext directory: %w", err)
	}
	d := &Dir{Path: path, Memory: memory}
	done := make(chan struct{}, 1)
	done <- struct{}{}
	cleanup := func() {
		select {
		case <-done:
			wipe(path)
		default:
		}
	}
	return d, cleanup, nil
}

// IsMemoryFS reports whether dir is on tmpfs or ramfs.
func IsMemoryFS(dir string) (bool, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return false, err
	}
	return st.Type == unix.TMPFS_MAGIC || st.Type == unix.RAMFS_MAGIC, nil
}

func writable(dir string) bool {
	return unix.Access(dir, unix.W_OK|unix.X_OK) == nil
}

// wipe overwrites every regular file under path with zeros, then removes
// the tree. On tmpfs the pages are freed anyway; on a disk (AllowDisk)
// the overwrite is the best a program can do.
func wipe(path string) {
	filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		overwrite(p)
		return nil
	})
	os.RemoveAll(path)
}

func overwrite(p string) {
	f, err := os.OpenFile(p, os.O_WRONLY|unix.O_NOFOLLOW, 0)
	if err != nil {
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return
	}
	zero := make([]byte, 32<<10)
	for n := st.Size(); n > 0; {
		k := min(n, int64(len(zero)))
		if _, err := f.Write(zero[:k]); err != nil {
			return
		}
		n -= k
	}
	f.Sync()
}

// WriteFile creates name in d (mode 0600, never following a symlink nor
// replacing a file) holding data.
func (d *Dir) WriteFile(name string, data []byte) (string, error) {
	p := filepath.Join(d.Path, name)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}
