package txn

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// JournalName is the file, at the repo root, naming the renames of a
// rules phase in progress. The files of one rules phase (secrets.nix and
// .sops.yaml, or several rules files) are one intent, but no file system
// renames two files at once: a run killed between two renames would leave
// half the edit, and a later rekey would converge to an intent no one
// asked for. The journal is written (and synced) before the first rename
// and removed after the last; a run that finds one finishes the renames
// before anything else.
const JournalName = ".nfrekey-journal"

// maxJournal bounds the journal read back: it names a few files.
const maxJournal = 1 << 20

type journal struct {
	Version int            `json:"version"`
	Files   []journalEntry `json:"files"`
}

// journalEntry is one rename of the phase: the temp (in the target's
// directory) holding the bytes whose hash is New, to be put in place of
// the file whose hash is Old ("" when the write had no expectation).
type journalEntry struct {
	Path string `json:"path"` // relative to the root, slash-separated
	Temp string `json:"temp"` // base name, beside Path
	Old  string `json:"old,omitempty"`
	New  string `json:"new"`
}

// writeJournal records batch before its renames; it returns false (and
// writes nothing) when the batch needs no journal.
func (tx *Tx) writeJournal(batch []*Staged) (bool, error) {
	var j journal
	j.Version = 1
	for _, s := range batch {
		if s.root != tx.root || s.w.Remove || s.w.Create {
			continue
		}
		data, err := tx.stagedBytes(s)
		if err != nil {
			return false, fmt.Errorf("%s: %w", s.w.Path, err)
		}
		sum := sha256.Sum256(data)
		e := journalEntry{Path: filepath.ToSlash(s.rel), Temp: s.temp, New: hex.EncodeToString(sum[:])}
		if s.w.Expect != nil && s.w.Expect.SHA256 != nil {
			e.Old = hex.EncodeToString(s.w.Expect.SHA256)
		}
		j.Files = append(j.Files, e)
	}
	if len(j.Files) < 2 {
		return false, nil
	}
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return false, err
	}
	if err := tx.putRootFile(JournalName, append(data, '\n')); err != nil {
		return false, fmt.Errorf("%s: %w", filepath.Join(tx.rootDir, JournalName), err)
	}
	if tx.afterJournal != nil {
		tx.afterJournal()
	}
	return true, nil
}

// stagedBytes reads back a staged temp (synced and closed when staged).
func (tx *Tx) stagedBytes(s *Staged) ([]byte, error) {
	if s.w.Write == nil {
		return s.w.Data, nil
	}
	fd, err := unix.Openat(int(s.dir.Fd()), s.temp, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), s.temp)
	defer f.Close()
	return io.ReadAll(f)
}

// putRootFile writes name at the root atomically and durably: a temp,
// synced, renamed, the root directory synced.
func (tx *Tx) putRootFile(name string, data []byte) error {
	var b [6]byte
	rand.Read(b[:])
	temp := TempPrefix + name + "-" + hex.EncodeToString(b[:])
	f, err := tx.root.OpenFile(temp, os.O_RDWR|os.O_CREATE|os.O_EXCL|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = tx.root.Rename(temp, name)
	}
	if err != nil {
		tx.root.Remove(temp)
		return err
	}
	return tx.syncRoot()
}

func (tx *Tx) syncRoot() error {
	d, err := tx.root.Open(".")
	if err != nil {
		return err
	}
	defer d.Close()
	return syncDir(d, (*os.File).Sync)
}

// removeJournal ends the phase the journal described.
func (tx *Tx) removeJournal() error {
	if err := tx.root.Remove(JournalName); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return tx.syncRoot()
}

// Recovery is what Recover did with a journal an interrupted run left.
type Recovery struct {
	// Finished are the files renamed into place now, completing the
	// interrupted edit (relative to the root).
	Finished []string
	// Unfinished are the files whose rename could not be done: someone
	// else changed the file since (their version is kept) or its staged
	// bytes are gone. The edit stays partial there; each error says which.
	Unfinished []error
}

// Recover finishes the rules phase a killed run left half done, as its
// journal describes, then removes the journal. Each rename is done only
// while the target still holds the bytes the run read (and the temp the
// bytes it staged), through the same guarded exchange as a commit. It
// runs under the lock, before RemoveStale takes the temps it needs.
func (tx *Tx) Recover() (*Recovery, error) {
	rec := &Recovery{}
	path := filepath.Join(tx.rootDir, JournalName)
	f, err := tx.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return rec, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	j, err := readJournal(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: not a journal nfrekey can read (%v); remove it once the rules files are checked", path, err)
	}
	for _, e := range j.Files {
		done, err := tx.recoverOne(e)
		switch {
		case err != nil:
			rec.Unfinished = append(rec.Unfinished, fmt.Errorf("%s: the edit an interrupted run left half written could not be finished here: %w", e.Path, err))
		case done:
			rec.Finished = append(rec.Finished, e.Path)
		}
	}
	if err := tx.removeJournal(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}

// recoverOne renames one journaled temp into place; false when the target
// already holds the new bytes.
func (tx *Tx) recoverOne(e journalEntry) (bool, error) {
	rel := filepath.FromSlash(e.Path)
	if !filepath.IsLocal(rel) || e.Temp != filepath.Base(e.Temp) || !strings.HasPrefix(e.Temp, TempPrefix) {
		return false, errors.New("not a path this journal may name")
	}
	dir, err := tx.dir(tx.root, tx.rootDir, filepath.Dir(rel))
	if err != nil {
		return false, err
	}
	dfd := int(dir.Fd())
	base := filepath.Base(rel)
	now, info, err := hashAt(dfd, base)
	if err != nil && !errors.Is(err, unix.ENOENT) {
		return false, err
	}
	if err == nil && now == e.New {
		return false, nil
	}
	if e.Old != "" && (err != nil || now != e.Old) {
		return false, ErrChanged
	}
	staged, _, serr := hashAt(dfd, e.Temp)
	if serr != nil || staged != e.New {
		return false, errors.New("its staged copy is gone")
	}
	if err != nil { // no target and no expectation: put it there
		return true, createNoClobber(dfd, e.Temp, base)
	}
	old, _ := hex.DecodeString(e.Old)
	if err := tx.replaceExpected(dfd, e.Temp, base, &Source{Info: info, SHA256: old}); err != nil {
		return false, err
	}
	// The exchange leaves the displaced original at the temp name.
	if err := unix.Unlinkat(dfd, e.Temp, 0); err != nil && !errors.Is(err, unix.ENOENT) {
		return true, err
	}
	return true, syncDir(dir, (*os.File).Sync)
}

// hashAt hashes the regular file name in dfd, never following a symlink
// or blocking on a FIFO.
func hashAt(dfd int, name string) (string, fs.FileInfo, error) {
	fd, err := unix.Openat(dfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return "", nil, err
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", nil, err
	}
	if !info.Mode().IsRegular() {
		return "", nil, fmt.Errorf("%s: not a regular file", name)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", nil, err
	}
	return hex.EncodeToString(h.Sum(nil)), info, nil
}

func readJournal(f *os.File) (*journal, error) {
	data, err := io.ReadAll(io.LimitReader(f, maxJournal+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxJournal {
		return nil, errors.New("too large")
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, err
	}
	if j.Version != 1 {
		return nil, fmt.Errorf("unknown version %d", j.Version)
	}
	return &j, nil
}

// JournalPresent reports whether root holds a journal file at all.
func JournalPresent(root string) bool {
	_, err := os.Lstat(filepath.Join(root, JournalName))
	return err == nil
}

// PendingJournal reports whether root holds the journal of an
// interrupted rules commit, and the files it names (relative to root),
// for audit, which takes no lock and writes nothing.
func PendingJournal(root string) (files []string, pending bool, err error) {
	path := filepath.Join(root, JournalName)
	f, err := os.OpenFile(path, os.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, true, fmt.Errorf("%s: not a regular file", path)
	}
	j, err := readJournal(f)
	if err != nil {
		return nil, true, fmt.Errorf("%s: %w", path, err)
	}
	for _, e := range j.Files {
		files = append(files, e.Path)
	}
	return files, true, nil
}
