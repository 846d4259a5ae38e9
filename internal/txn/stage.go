package txn

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// TempPrefix starts the name of every temp file, so that one a crash
// leaves behind is recognisable, and safe to delete: it is never the only
// copy of anything.
const TempPrefix = ".nfrekey-tmp-"

// Phase orders the renames of a commit: every file of a phase is renamed
// and its directory fsynced before the next phase starts.
type Phase int

const (
	// PhaseCreate: files a rules edit creates (host-keys/NAME.pub, a
	// bootstrap key pair), in place before the rules that read them, so
	// that a crash never leaves rules naming a missing file.
	PhaseCreate  Phase = iota + 1
	PhaseRules         // secrets.nix, imports, .sops.yaml
	PhaseDelete        // files a rules edit stops reading (remove-host's NAME.pub), after the rules
	PhaseSecrets       // .age and sops files
	PhaseLock          // .nfrekey.lock
)

// Source is the file a write replaces, as the run read it.
type Source struct {
	Info fs.FileInfo
	// SHA256 of the bytes read; nil: the file is compared by identity,
	// size and mtime only.
	SHA256 []byte
}

// Write is one file to stage.
type Write struct {
	Path  string // absolute, beneath the repo root
	Phase Phase
	// Write fills the temp file (empty, open for reading and writing);
	// nil writes Data. Its error is returned by Stage unchanged, so the
	// caller can tell bad content from failed I/O.
	Write func(*os.File) error
	Data  []byte
	// Expect is the file as read: the commit refuses to rename over a
	// file that is no longer this one. Nil: the file is replaced as it is
	// then (or created).
	Expect *Source
	// Create: the file must not exist; the commit never clobbers one that
	// appeared meanwhile.
	Create bool
	// Mode of a new file (0: 0600). A replaced file keeps its mode and,
	// as far as privileges allow, its owner.
	Mode fs.FileMode
	// MakeDirs creates the missing parent directories (0755) when
	// staging; they stay if the run aborts (empty, or holding others'
	// files), the temps never do.
	MakeDirs bool
	// Remove: the commit deletes the file instead (remove-host's NAME.pub),
	// only while it is still the file Expect describes (required).
	Remove bool
}

// Staged is a write whose temp file is on disk, synced and closed.
type Staged struct {
	w       Write
	rel     string // target, relative to the root
	dir     *os.File
	root    *os.Root // the root dir is beneath (commitOne checks it still is)
	dirPath string
	temp    string // base name in dir
}

// Path is the target of the write.
func (s *Staged) Path() string { return s.w.Path }

// Stage writes w's content to a temp file beside its target, synced and
// closed, to be renamed by the next Commit. On error nothing is left on
// disk.
func (tx *Tx) Stage(w Write) (*Staged, error) {
	root, base0, rel, err := tx.rel(w.Path)
	if err != nil {
		return nil, err
	}
	if w.Phase < PhaseCreate || w.Phase > PhaseLock {
		return nil, fmt.Errorf("%s: invalid phase %d", w.Path, w.Phase)
	}
	if w.MakeDirs {
		if err := root.MkdirAll(filepath.Dir(rel), 0o755); err != nil {
			return nil, fmt.Errorf("%s: %w", w.Path, err)
		}
	}
	dir, err := tx.dir(root, base0, filepath.Dir(rel))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", w.Path, err)
	}
	base := filepath.Base(rel)
	mode := w.Mode.Perm()
	if mode == 0 {
		mode = 0o600
	}
	uid, gid := -1, -1
	info := (fs.FileInfo)(nil)
	if w.Expect != nil {
		info = w.Expect.Info
	} else if !w.Create {
		var st unix.Stat_t
		if err := unix.Fstatat(int(dir.Fd()), base, &st, unix.AT_SYMLINK_NOFOLLOW); err == nil {
			mode = fs.FileMode(st.Mode & 0o777)
			uid, gid = int(st.Uid), int(st.Gid)
		} else if !errors.Is(err, unix.ENOENT) {
			return nil, fmt.Errorf("%s: %w", w.Path, err)
		}
	}
	if info != nil {
		mode = info.Mode().Perm()
		if sys, ok := info.Sys().(*syscall.Stat_t); ok {
			uid, gid = int(sys.Uid), int(sys.Gid)
		}
	}
	s := &Staged{w: w, rel: rel, dir: dir, root: root, dirPath: filepath.Join(base0, filepath.Dir(rel))}
	if w.Remove {
		// Nothing to write: the commit removes the file, if still the one read.
		tx.mu.Lock()
		tx.staged = append(tx.staged, s)
		tx.mu.Unlock()
		return s, nil
	}
	f, err := tx.createTemp(s, base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", w.Path, err)
	}
	fail := func(err error) (*Staged, error) {
		f.Close()
		tx.mu.Lock()
		tx.removeTemp(s)
		tx.mu.Unlock()
		return nil, err
	}
	// Created 0600, so never wider than the final mode meanwhile.
	if err := f.Chmod(mode); err != nil {
		return fail(fmt.Errorf("%s: %w", w.Path, err))
	}
	if uid >= 0 {
		// Best effort: a run under sudo must not hand a user's files to
		// root; without privilege only our own uid is possible, which is
		// then the owner already in the common case.
		_ = f.Chown(uid, gid)
	}
	if w.Write != nil {
		err = w.Write(f)
	} else {
		_, err = f.Write(w.Data)
		if err != nil {
			err = fmt.Errorf("%s: %w", w.Path, err)
		}
	}
	if err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(fmt.Errorf("%s: %w", w.Path, err))
	}
	if err := f.Close(); err != nil {
		return fail(fmt.Errorf("%s: %w", w.Path, err))
	}
	if err := tx.probeJournal(s); err != nil {
		return fail(fmt.Errorf("%s: %w", w.Path, err))
	}
	tx.mu.Lock()
	tx.staged = append(tx.staged, s)
	tx.mu.Unlock()
	return s, nil
}

// probeJournal checks, when s makes a rules phase one the commit must
// journal, that the root can take the journal: a root that cannot (read
// only, immutable) is refused here, before anything is renamed, not at
// the commit, after the files the rules read were created.
func (tx *Tx) probeJournal(s *Staged) error {
	if !journaled(tx, s) {
		return nil
	}
	tx.mu.Lock()
	n := 0
	for _, t := range tx.staged {
		if journaled(tx, t) {
			n++
		}
	}
	probed := tx.journalProbed
	tx.mu.Unlock()
	if n != 1 || probed {
		return nil
	}
	var b [6]byte
	rand.Read(b[:])
	temp := TempPrefix + JournalName + "-" + hex.EncodeToString(b[:])
	f, err := tx.root.OpenFile(temp, os.O_RDWR|os.O_CREATE|os.O_EXCL|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return fmt.Errorf("the repo root cannot take %s, which a commit of several rules files writes first: %w", JournalName, err)
	}
	f.Close()
	tx.root.Remove(temp)
	tx.mu.Lock()
	tx.journalProbed = true
	tx.mu.Unlock()
	return nil
}

// journaled reports whether s is one of the renames writeJournal records.
func journaled(tx *Tx, s *Staged) bool {
	return s.w.Phase == PhaseRules && s.root == tx.root && !s.w.Remove && !s.w.Create
}

// Discard removes a staged write's temp file: it will not be committed.
func (tx *Tx) Discard(s *Staged) {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	for i, t := range tx.staged {
		if t == s {
			tx.staged = append(tx.staged[:i], tx.staged[i+1:]...)
			break
		}
	}
	tx.removeTemp(s)
}

// rel finds the root holding path (the repo's, else one of AddRoot) and
// makes path relative to it, refusing one outside every root.
func (tx *Tx) rel(path string) (*os.Root, string, string, error) {
	if !filepath.IsAbs(path) {
		return nil, "", "", fmt.Errorf("%s: not an absolute path", path)
	}
	tx.mu.Lock()
	roots := append([]extraRoot{{tx.rootDir, tx.root}}, tx.extra...)
	if tx.givenDir != "" {
		// The same root by the path it was given (through a symlink):
		// paths under it are beneath the same os.Root.
		roots = append(roots, extraRoot{tx.givenDir, tx.root})
	}
	tx.mu.Unlock()
	for _, r := range roots {
		rel, err := filepath.Rel(r.dir, filepath.Clean(path))
		if err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return r.root, r.dir, rel, nil
		}
	}
	return nil, "", "", fmt.Errorf("%s: outside the repo root %s", path, tx.rootDir)
}

// dir opens (once per run) a directory beneath the root. The handle pins
// the directory: renames inside it stay inside it even if its path is
// later swapped for a symlink.
func (tx *Tx) dir(root *os.Root, rootDir, rel string) (*os.File, error) {
	key := filepath.Join(rootDir, rel)
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if d, ok := tx.dirs[key]; ok {
		return d, nil
	}
	d, err := root.Open(rel)
	if err != nil {
		return nil, err
	}
	st, err := d.Stat()
	if err != nil || !st.IsDir() {
		d.Close()
		if err == nil {
			err = errors.New("not a directory")
		}
		return nil, err
	}
	tx.dirs[key] = d
	return d, nil
}

func (tx *Tx) createTemp(s *Staged, base string) (*os.File, error) {
	var b [6]byte
	for range 10 {
		rand.Read(b[:])
		name := TempPrefix + base + "-" + hex.EncodeToString(b[:])
		fd, err := unix.Openat(int(s.dir.Fd()), name, unix.O_RDWR|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o600)
		if errors.Is(err, unix.EEXIST) {
			continue
		}
		if err != nil {
			return nil, err
		}
		s.temp = name
		tx.mu.Lock()
		tx.temps[s] = true
		tx.mu.Unlock()
		return os.NewFile(uintptr(fd), filepath.Join(s.dirPath, name)), nil
	}
	return nil, errors.New("cannot create a temp file")
}

// removeTemp removes s's temp file if still there; tx.mu is held.
func (tx *Tx) removeTemp(s *Staged) error {
	if !tx.temps[s] {
		return nil
	}
	delete(tx.temps, s)
	err := unix.Unlinkat(int(s.dir.Fd()), s.temp, 0)
	if errors.Is(err, unix.ENOENT) {
		return nil
	}
	return err
}

// Open opens a file beneath one of the transaction's roots for reading,
// never blocking (a FIFO or device fails instead), and only if it is a
// regular file: what a run reads is confined like what it writes.
func (tx *Tx) Open(path string) (*os.File, error) {
	root, _, rel, err := tx.rel(path)
	if err != nil {
		return nil, err
	}
	f, err := root.OpenFile(rel, os.O_RDONLY|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a regular file (%s)", path, st.Mode().Type())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
