package txn

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"golang.org/x/sys/unix"
)

// ErrChanged is the error of a file someone else changed (or removed, or
// created) after the run read it: it is left as they made it.
var ErrChanged = errors.New("changed by another program during the run; left as it is")

// errKeepTemp marks an error after which the temp name holds someone
// else's file: it must not be removed.
var errKeepTemp = errors.New("")

// FileError is a staged file that was not committed.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Result is what a Commit did.
type Result struct {
	Committed []string    // renamed into place, by phase, each phase sorted
	Failed    []FileError // left as they were
	// Errs are failures to make committed renames durable (a directory
	// fsync): the files are in place but a crash may undo them.
	Errs []error
}

// IsCommitted reports whether path was committed.
func (r *Result) IsCommitted(path string) bool {
	for _, p := range r.Committed {
		if p == path {
			return true
		}
	}
	return false
}

// Err is the failures of the commit as one error, nil when none.
func (r *Result) Err() error {
	var errs []error
	for i := range r.Failed {
		errs = append(errs, &r.Failed[i])
	}
	return errors.Join(append(errs, r.Errs...)...)
}

// Commit renames every write staged since the last Commit into place,
// phase by phase; within a phase in parallel, then each directory the
// phase touched is fsynced once. A file that fails (changed meanwhile, an
// I/O error) is left as it was and reported; the others are committed.
// Commit takes no context: once started, it finishes.
func (tx *Tx) Commit() *Result {
	return tx.commit(func(Phase) bool { return true })
}

// commit commits the staged writes of the phases chosen, in phase order;
// the others stay staged.
func (tx *Tx) commit(chosen func(Phase) bool) *Result {
	tx.mu.Lock()
	var staged, kept []*Staged
	for _, s := range tx.staged {
		if chosen(s.w.Phase) {
			staged = append(staged, s)
		} else {
			kept = append(kept, s)
		}
	}
	tx.staged = kept
	tx.mu.Unlock()
	res := &Result{}
	for ph := PhaseCreate; ph <= PhaseLock; ph++ {
		var batch []*Staged
		for _, s := range staged {
			if s.w.Phase == ph {
				batch = append(batch, s)
			}
		}
		sort.Slice(batch, func(i, j int) bool { return batch[i].w.Path < batch[j].w.Path })
		errs := make([]error, len(batch))
		journaled := false
		if ph == PhaseRules {
			var err error
			if journaled, err = tx.writeJournal(batch); err != nil {
				// Without the journal a crash could leave half the edit:
				// none of it is renamed.
				for _, s := range batch {
					tx.Discard(s)
					res.Failed = append(res.Failed, FileError{Path: s.w.Path,
						Err: fmt.Errorf("not renamed: the commit could not be recorded first: %w", err)})
				}
				continue
			}
		}
		jobs := tx.jobs
		if ph == PhaseRules {
			// A few files: one after the other, in path order, so that a
			// crash leaves a prefix of them renamed, never a random subset.
			jobs = 1
		}
		forEach(jobs, len(batch), func(i int) { errs[i] = tx.commitOne(batch[i]) })
		dirs := map[*os.File]string{}
		for i, s := range batch {
			if errs[i] != nil {
				res.Failed = append(res.Failed, FileError{Path: s.w.Path, Err: errs[i]})
				continue
			}
			res.Committed = append(res.Committed, s.w.Path)
			dirs[s.dir] = s.w.Path
		}
		for d, p := range dirs {
			if err := syncDir(d, (*os.File).Sync); err != nil {
				res.Errs = append(res.Errs, fmt.Errorf("directory of %s: %w", p, err))
			}
		}
		if journaled {
			if err := tx.removeJournal(); err != nil {
				res.Errs = append(res.Errs, fmt.Errorf("%s: %w", filepath.Join(tx.rootDir, JournalName), err))
			}
		}
	}
	return res
}

// commitOne renames s's temp over its target, or removes the temp and
// says why not.
func (tx *Tx) commitOne(s *Staged) error {
	defer func() {
		tx.mu.Lock()
		tx.removeTemp(s)
		tx.mu.Unlock()
	}()
	dfd := int(s.dir.Fd())
	base := s.base()
	if err := s.dirInPlace(); err != nil {
		return err
	}
	var err error
	switch {
	case s.w.Remove:
		err = tx.removeExpected(dfd, base, s.w.Expect)
	case s.w.Create:
		err = createNoClobber(dfd, s.temp, base)
		if errors.Is(err, unix.EEXIST) {
			return fmt.Errorf("%w (created by someone else)", ErrChanged)
		}
	case s.w.Expect != nil:
		err = tx.replaceExpected(dfd, s.temp, base, s.w.Expect)
		if errors.Is(err, errKeepTemp) {
			tx.mu.Lock()
			delete(tx.temps, s) // the other writer's file is there now
			tx.mu.Unlock()
		}
	default:
		err = unix.Renameat(dfd, s.temp, dfd, base)
	}
	// The deferred removal then takes what is left at the temp name: the
	// displaced original after an exchange, the link's source, or nothing.
	return err
}

// dirInPlace checks that the pinned directory is still the one at its
// path beneath the root. The handle keeps renames out of a symlink put in
// the directory's place, but a directory moved out of the repo (then
// perhaps replaced by a symlink to it) would take them along: outside the
// repo. Such a file fails as changed. The check precedes the rename: a
// move landing between the two (microseconds) still takes that one rename
// along, into the same directory it was staged in.
func (s *Staged) dirInPlace() error {
	pinned, err := s.dir.Stat()
	if err != nil {
		return err
	}
	rel := filepath.Dir(s.rel)
	now, err := s.root.Lstat(rel)
	if err != nil || !os.SameFile(pinned, now) {
		return fmt.Errorf("%w (its directory %s was moved or replaced)", ErrChanged, rel)
	}
	return nil
}

func (s *Staged) base() string {
	for i := len(s.rel) - 1; i >= 0; i-- {
		if os.IsPathSeparator(s.rel[i]) {
			return s.rel[i+1:]
		}
	}
	return s.rel
}

// replaceExpected puts temp in place of base only if base is still the
// file exp describes. With RENAME_EXCHANGE the check is exact: the files
// are swapped atomically, and the one displaced (now at temp) is the one
// compared; if it is not the file read, they are swapped back, so another
// writer's save is never lost. The fallback checks, then renames: a save
// landing between the two is lost (a window of a few microseconds).
func (tx *Tx) replaceExpected(dfd int, temp, base string, exp *Source) error {
	if tx.mode != Fallback {
		err := unix.Renameat2(dfd, temp, dfd, base, unix.RENAME_EXCHANGE)
		switch {
		case err == nil:
			if same, cerr := matches(dfd, temp, exp); cerr != nil || !same {
				if err := unix.Renameat2(dfd, temp, dfd, base, unix.RENAME_EXCHANGE); err != nil {
					// Cannot happen short of the directory vanishing; the
					// other writer's file is at temp: keep it, say where.
					return fmt.Errorf("%w; their version is in %s (swap back failed: %v)%w", ErrChanged, temp, err, errKeepTemp)
				}
				return ErrChanged
			}
			return nil
		case errors.Is(err, unix.ENOENT):
			return fmt.Errorf("%w (removed)", ErrChanged)
		case !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.ENOTSUP):
			return err
		}
		// The file system cannot exchange: fall back.
	}
	if same, err := matches(dfd, base, exp); err != nil || !same {
		if errors.Is(err, unix.ENOENT) {
			return fmt.Errorf("%w (removed)", ErrChanged)
		}
		return ErrChanged
	}
	return unix.Renameat(dfd, temp, dfd, base)
}

// matches reports whether name in dfd is the file exp describes: same
// device and inode, size and mtime, and (when exp has one) content hash.
func matches(dfd int, name string, exp *Source) (bool, error) {
	f, now, err := openAt(dfd, name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if !now.Mode().IsRegular() || !os.SameFile(now, exp.Info) || now.Size() != exp.Info.Size() || !now.ModTime().Equal(exp.Info.ModTime()) {
		return false, nil
	}
	if exp.SHA256 == nil {
		return true, nil
	}
	sum, err := sha256Of(f)
	return err == nil && string(sum) == string(exp.SHA256), err
}

// openAt opens name in dfd for reading and stats it, never following a
// symlink or blocking on a FIFO: how the commit and the journal's
// recovery look at a file another program may have replaced.
func openAt(dfd int, name string) (*os.File, fs.FileInfo, error) {
	fd, err := unix.Openat(dfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	f := os.NewFile(uintptr(fd), name)
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

func sha256Of(r io.Reader) ([]byte, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// createNoClobber renames temp to base unless base exists.
func createNoClobber(dfd int, temp, base string) error {
	err := unix.Renameat2(dfd, temp, dfd, base, unix.RENAME_NOREPLACE)
	if err == nil || (!errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.ENOTSUP)) {
		return err
	}
	// A hard link is no-clobber everywhere; the temp is removed after.
	return unix.Linkat(dfd, temp, dfd, base, 0)
}

// ExchangeMode chooses how a replacement is guarded.
type ExchangeMode int

const (
	Exchange ExchangeMode = iota // renameat2 RENAME_EXCHANGE, falling back where unsupported
	Fallback                     // check, then rename (tests of the portable path)
)

func forEach(jobs, n int, fn func(i int)) {
	if jobs > n {
		jobs = n
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
