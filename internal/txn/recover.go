package txn

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// Recovery is what Recover did with a journal an interrupted run left.
type Recovery struct {
	// Finished are the files renamed into place now, completing the
	// interrupted edit (relative to the root).
	Finished []string
	// Abandoned say why the interrupted edit was dropped instead: none of
	// it had reached the files, and one of them can no longer take it
	// (changed since, or its staged copy gone). The files are as they
	// were found; the journal is removed.
	Abandoned []error
}

// errChangedSince: the file is no longer the one the interrupted run
// read, so it is someone else's now.
var errChangedSince = errors.New("changed since the interrupted run read it; kept as it is")

type entryState int

const (
	holdsNew entryState = iota // the target holds the new bytes
	ready                      // the target is the file read, its temp the new bytes
	stuck                      // neither; why in err
)

type entryCheck struct {
	e     journalEntry
	state entryState
	err   error
	dir   *os.File
	info  fs.FileInfo
	// staged: the temp still holds the new bytes (for the operator, when
	// the entry is stuck).
	staged bool
}

// Recover deals with the journal a killed run left, under the lock and
// before anything is read or RemoveStale takes the temps it names. The
// killed run renamed a prefix of its entries (path order), so:
//   - the entries after the last one holding its new bytes are renamed
//     into place if each is still exactly the file that run read and its
//     temp holds the staged bytes (the edit is finished: Finished);
//   - if none holds its new bytes and one of them cannot take them any
//     more, nothing of the edit was written: it is dropped (Abandoned);
//   - otherwise the files hold half the edit and cannot be brought to the
//     whole of it: the error says where each stands, nothing is touched
//     and the journal stays, for the operator to decide.
//
// A journal nfrekey cannot use as it is (not a regular file, not one it
// wrote: a path outside the repo or in .git, a temp elsewhere, no record
// of the file replaced) is an error too, touching nothing, and so is a
// journal at a root above this one (ErrOtherJournal). Each rename is
// the commit's guarded exchange, and the journal is removed only once all
// are done, so a run killed while recovering is recovered by the next.
func (tx *Tx) Recover() (*Recovery, error) {
	rec := &Recovery{}
	if p := tx.ancestorJournal(); p != "" {
		// Its staged copies may be under this root, for the sweep to take.
		return nil, otherJournalError(p, tx.rootDir)
	}
	jpath := filepath.Join(tx.rootDir, JournalName)
	j, err := loadJournal(tx.root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w; nothing was done: check the rules files, then remove it (never commit it)", jpath, err)
	}
	if j == nil {
		return rec, nil
	}
	checks := checkJournal(j, tx.root, func(rel string) (*os.File, error) { return tx.dir(tx.root, tx.rootDir, rel) })
	todo, abandon, err := decide(checks)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", jpath, err)
	}
	if abandon {
		for _, c := range checks {
			if c.state == stuck {
				rec.Abandoned = append(rec.Abandoned, fmt.Errorf("%s: %w", c.e.Path, c.err))
			}
		}
	}
	for _, c := range todo {
		if err := tx.finishEntry(c); err != nil {
			return nil, fmt.Errorf("%s: the interrupted rules edit could not be finished: %s: %w; the journal stays, the next run tries again", jpath, c.e.Path, err)
		}
		rec.Finished = append(rec.Finished, c.e.Path)
	}
	if err := tx.removeJournal(); err != nil {
		return nil, fmt.Errorf("%s: %w", jpath, err)
	}
	return rec, nil
}

// decide is what Recover does with the checked entries: rename todo,
// drop the edit (abandon), or refuse (err).
func decide(checks []entryCheck) (todo []entryCheck, abandon bool, err error) {
	last := -1
	for i, c := range checks {
		if c.state == holdsNew {
			last = i
		}
	}
	// The entries up to last were renamed by the killed run; one that no
	// longer holds its new bytes was edited after: the operator's.
	rest := checks[last+1:]
	for _, c := range rest {
		if c.state != ready {
			if last < 0 {
				return nil, true, nil
			}
			return nil, false, halfError(checks, last)
		}
	}
	return rest, false, nil
}

func halfError(checks []entryCheck, last int) error {
	var held, not []string
	for i, c := range checks {
		switch {
		case i <= last:
			held = append(held, c.e.Path)
		case c.state == ready:
			not = append(not, fmt.Sprintf("%s does not yet (its new bytes are staged in %s)", c.e.Path, path.Join(path.Dir(c.e.Path), c.e.Temp)))
		case c.staged:
			not = append(not, fmt.Sprintf("%s does not: %v (the edit meant for it is in %s)", c.e.Path, c.err, path.Join(path.Dir(c.e.Path), c.e.Temp)))
		default:
			not = append(not, fmt.Sprintf("%s does not: %v", c.e.Path, c.err))
		}
	}
	return fmt.Errorf("a killed nfrekey run left its rules edit half written, and it cannot be finished: %s %s it; %s. Nothing was changed: make the rules files say what you mean, then remove the journal (the next run then removes the staged copies)",
		strings.Join(held, ", "), map[bool]string{true: "holds", false: "hold"}[len(held) == 1], strings.Join(not, "; "))
}

// finishEntry renames a ready entry's temp over its target, guarded.
func (tx *Tx) finishEntry(c entryCheck) error {
	dfd := int(c.dir.Fd())
	old, _ := hex.DecodeString(c.e.Old)
	if err := tx.replaceExpected(dfd, c.e.Temp, filepath.Base(filepath.FromSlash(c.e.Path)), &Source{Info: c.info, SHA256: old}); err != nil {
		return err
	}
	// The exchange leaves the displaced original at the temp name.
	if err := unix.Unlinkat(dfd, c.e.Temp, 0); err != nil && !errors.Is(err, unix.ENOENT) {
		return err
	}
	return syncDir(c.dir, (*os.File).Sync)
}

// checkJournal finds where each entry stands; open opens a directory
// beneath root.
func checkJournal(j *journal, root *os.Root, open func(rel string) (*os.File, error)) []entryCheck {
	out := make([]entryCheck, len(j.Files))
	for i, e := range j.Files {
		out[i] = checkEntry(e, root, open)
	}
	return out
}

func checkEntry(e journalEntry, root *os.Root, open func(rel string) (*os.File, error)) entryCheck {
	c := entryCheck{e: e, state: stuck}
	rel := filepath.FromSlash(e.Path)
	// The run journals a rules file where its symlinks lead: a directory
	// on the way that is a symlink now is not the one it wrote in.
	for d := filepath.Dir(rel); d != "."; d = filepath.Dir(d) {
		if st, err := root.Lstat(d); err != nil || !st.IsDir() {
			c.err = fmt.Errorf("%s is no longer a directory", filepath.ToSlash(d))
			return c
		}
	}
	dir, err := open(filepath.Dir(rel))
	if err != nil {
		c.err = err
		return c
	}
	c.dir = dir
	dfd := int(dir.Fd())
	now, info, err := hashAt(dfd, filepath.Base(rel))
	switch {
	case errors.Is(err, unix.ENOENT):
		c.err = errors.New("removed since the interrupted run")
		return c
	case err != nil:
		c.err = err
		return c
	case now == e.New:
		c.state = holdsNew
		return c
	}
	if h, _, err := hashAt(dfd, e.Temp); err == nil && h == e.New {
		c.staged = true
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if now != e.Old || !ok || st.Ino != e.Ino || info.Size() != e.Size || info.ModTime().UnixNano() != e.MtimeNs {
		c.err = errChangedSince
		return c
	}
	if !c.staged {
		c.err = fmt.Errorf("its staged copy (%s) is gone", e.Temp)
		return c
	}
	c.state, c.info = ready, info
	return c
}

// loadJournal reads the journal at the root: nil when there is none, an
// error when what is there is not a journal nfrekey wrote.
func loadJournal(root *os.Root) (*journal, error) {
	st, err := root.Lstat(JournalName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a journal nfrekey wrote (a %s, not a regular file)", fileKind(st.Mode()))
	}
	f, err := root.OpenFile(JournalName, os.O_RDONLY|unix.O_NONBLOCK|unix.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(st, now) {
		return nil, errors.New("replaced while being read")
	}
	j, err := readJournal(f)
	if err != nil {
		return nil, fmt.Errorf("not a journal nfrekey wrote (%v)", err)
	}
	return j, nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m&fs.ModeNamedPipe != 0:
		return "FIFO"
	}
	return m.Type().String()
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
	if len(j.Files) == 0 {
		return nil, errors.New("no files")
	}
	for i, e := range j.Files {
		if err := validEntry(e); err != nil {
			return nil, fmt.Errorf("%q: %w", e.Path, err)
		}
		// Written in path order, each path once.
		if i > 0 && e.Path <= j.Files[i-1].Path {
			return nil, fmt.Errorf("%q: out of order", e.Path)
		}
	}
	return &j, nil
}

// validEntry accepts only what writeJournal writes: a clean relative path
// beneath the root and outside .git, a temp of the createTemp form beside
// it, hashes, and the identity of the file replaced wherever its hash is
// recorded.
func validEntry(e journalEntry) error {
	p := e.Path
	if p == "" || path.Clean(p) != p || !filepath.IsLocal(filepath.FromSlash(p)) || strings.Contains(p, `\`) {
		return errors.New("not a path beneath the repo root")
	}
	for _, part := range strings.Split(p, "/") {
		if strings.EqualFold(part, ".git") {
			return errors.New("inside .git")
		}
	}
	base := path.Base(p)
	if strings.HasPrefix(base, TempPrefix) || base == JournalName {
		return errors.New("not a file nfrekey edits")
	}
	suffix, ok := strings.CutPrefix(e.Temp, TempPrefix+base+"-")
	if !ok || !isHex(suffix, 12) {
		return fmt.Errorf("temp %q is not one nfrekey stages beside it", e.Temp)
	}
	if !isHex(e.New, 64) || !isHex(e.Old, 64) {
		return errors.New("not a SHA-256")
	}
	if e.Ino == 0 {
		return errors.New("the file replaced is not identified")
	}
	return nil
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// hashAt hashes the regular file name in dfd, never following a symlink
// or blocking on a FIFO.
func hashAt(dfd int, name string) (string, fs.FileInfo, error) {
	f, info, err := openAt(dfd, name)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	if !info.Mode().IsRegular() {
		return "", nil, fmt.Errorf("%s: not a regular file", name)
	}
	sum, err := sha256Of(f)
	if err != nil {
		return "", nil, err
	}
	return hex.EncodeToString(sum), info, nil
}

// JournalPresent reports whether root holds a journal file at all.
func JournalPresent(root string) bool {
	_, err := os.Lstat(filepath.Join(root, JournalName))
	return err == nil
}

// PendingJournal reports whether root holds the journal of an
// interrupted rules commit, and the files it names (relative to root),
// for audit, which takes no lock and writes nothing. err says why the
// next mutating run will refuse to go on (the journal is not one nfrekey
// can use, or the files hold half its edit and cannot take the rest);
// nil when that run will deal with it by itself. err does not name the
// journal: the caller does.
func PendingJournal(root string) (files []string, pending bool, err error) {
	if !JournalPresent(root) {
		return nil, false, nil
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, true, err
	}
	defer r.Close()
	j, err := loadJournal(r)
	if err != nil {
		return nil, true, err
	}
	if j == nil {
		return nil, false, nil
	}
	for _, e := range j.Files {
		files = append(files, e.Path)
	}
	var opened []*os.File
	defer func() {
		for _, d := range opened {
			d.Close()
		}
	}()
	checks := checkJournal(j, r, func(rel string) (*os.File, error) {
		d, err := r.Open(rel)
		if err == nil {
			opened = append(opened, d)
		}
		return d, err
	})
	if _, _, err := decide(checks); err != nil {
		return files, true, err
	}
	return files, true, nil
}
