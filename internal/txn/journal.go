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
	"syscall"

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
// the file the run read: the bytes whose hash is Old, in the file
// identified by Ino, Size and MtimeNs (the guard of the commit itself; the
// device is left out, as it may be numbered anew after a reboot). A file
// put back since with the same bytes (git checkout, an editor's save) is
// another file: the operator's.
type journalEntry struct {
	Path    string `json:"path"` // relative to the root, slash-separated
	Temp    string `json:"temp"` // base name, beside Path
	Old     string `json:"old"`
	New     string `json:"new"`
	Ino     uint64 `json:"ino"`
	Size    int64  `json:"size"`
	MtimeNs int64  `json:"mtime_ns"`
}

// writeJournal records batch before its renames; it returns false (and
// writes nothing) when the batch needs no journal.
func (tx *Tx) writeJournal(batch []*Staged) (bool, error) {
	var j journal
	j.Version = 1
	var renames []*Staged
	for _, s := range batch {
		if journaled(tx, s) {
			renames = append(renames, s)
		}
	}
	if len(renames) < 2 {
		return false, nil
	}
	for _, s := range renames {
		data, err := tx.stagedBytes(s)
		if err != nil {
			return false, fmt.Errorf("%s: %w", s.w.Path, err)
		}
		sum := sha256.Sum256(data)
		e := journalEntry{Path: filepath.ToSlash(s.rel), Temp: s.temp, New: hex.EncodeToString(sum[:])}
		// A recovery renames only over the very file the run read: a
		// replacement without it (no caller stages one in the rules
		// phase) could not be recovered, so the phase is not started.
		exp := s.w.Expect
		if exp == nil || exp.SHA256 == nil || exp.Info == nil {
			return false, fmt.Errorf("%s: a rules file of several is replaced only as it was read", s.w.Path)
		}
		st, ok := exp.Info.Sys().(*syscall.Stat_t)
		if !ok {
			return false, fmt.Errorf("%s: no inode to record", s.w.Path)
		}
		e.Old = hex.EncodeToString(exp.SHA256)
		e.Ino, e.Size, e.MtimeNs = st.Ino, exp.Info.Size(), exp.Info.ModTime().UnixNano()
		j.Files = append(j.Files, e)
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
