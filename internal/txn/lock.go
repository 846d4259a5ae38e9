package txn

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/gofrs/flock"
)

// ErrLocked is returned by Begin when another run holds the lock.
var ErrLocked = errors.New("another nfrekey run holds the lock")

// Options configure a transaction.
type Options struct {
	// Root is the repo root: every staged path must be beneath it.
	Root string
	// LockDir is the directory flocked for the run; "" means the top of
	// the git work tree holding Root, else Root (see LockDirFor).
	LockDir string
	// Jobs bounds the renames done in parallel within a phase (0: 16).
	Jobs int
	// Exchange selects how a rename is guarded against a concurrent
	// edit; zero is the best the platform offers.
	Exchange ExchangeMode
}

// Tx is one mutating run. Its methods are safe for concurrent use, except
// Commit and Close, which the run calls from one goroutine.
type Tx struct {
	root    *os.Root // the repo root
	rootDir string   // its path, symlinks resolved
	// givenDir is the root as given, absolute, when symlinks make it
	// differ from rootDir (--repo lnk): callers build paths from it.
	givenDir string
	extra    []extraRoot // AddRoot
	lockDir  string      // the directory flocked: the git top, above rootDir or equal
	fl       *flock.Flock
	jobs     int
	mode     ExchangeMode

	mu     sync.Mutex
	dirs   map[string]*os.File // relative dir -> open handle beneath root
	staged []*Staged           // not yet committed
	temps  map[*Staged]bool    // temps on disk, removed by Close

	journalProbed bool   // probeJournal found the root writable
	afterJournal  func() // tests: called once a phase's journal is on disk
}

// Begin takes the lock without waiting and opens the repo root. A held
// lock is ErrLocked (wrapped, naming the directory).
func Begin(ctx context.Context, opts Options) (*Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	givenDir, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	rootDir, err := filepath.EvalSymlinks(givenDir)
	if err != nil {
		return nil, err
	}
	if givenDir == rootDir {
		givenDir = ""
	}
	lockDir := opts.LockDir
	if lockDir == "" {
		lockDir = LockDirFor(rootDir)
	}
	// The directory itself is flocked, opened read-only: taking the lock
	// creates nothing on disk, so a failed run leaves the repo as it was.
	// .nfrekey.lock cannot be the lock: it is replaced by rename.
	fl := flock.New(lockDir, flock.SetFlag(os.O_RDONLY))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s: %w", lockDir, err)
	}
	if !ok {
		return nil, fmt.Errorf("%w (%s)", ErrLocked, lockDir)
	}
	root, err := os.OpenRoot(rootDir)
	if err != nil {
		fl.Close()
		return nil, err
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = 16
	}
	return &Tx{root: root, rootDir: rootDir, givenDir: givenDir, lockDir: lockDir, fl: fl, jobs: jobs, mode: opts.Exchange,
		dirs: map[string]*os.File{}, temps: map[*Staged]bool{}}, nil
}

// LockDirFor is the directory a run on root locks: the top of the git
// work tree holding root, so that runs on nested repos of one work tree
// serialise; root itself outside git.
func LockDirFor(root string) string {
	for d := root; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return root
		}
		d = parent
	}
}

// Root is the repo root the transaction writes beneath, symlinks resolved.
func (tx *Tx) Root() string { return tx.rootDir }

// Close removes every temp file not committed and releases the lock.
func (tx *Tx) Close() error {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	var errs []error
	for s := range tx.temps {
		if err := tx.removeTemp(s); err != nil {
			errs = append(errs, err)
		}
	}
	for _, d := range tx.dirs {
		d.Close()
	}
	tx.dirs = nil
	tx.root.Close()
	for _, e := range tx.extra {
		e.root.Close()
	}
	errs = append(errs, tx.fl.Close())
	return errors.Join(errs...)
}

// extraRoot is a directory outside the repo that a run may write beneath.
type extraRoot struct {
	dir  string
	root *os.Root
}

// AddRoot lets the transaction write beneath dir too (created 0755 if
// missing): the --extra-files directory of a bootstrap, outside the repo.
// Its writes are confined to it like the repo's to the repo root.
func (tx *Tx) AddRoot(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return err
	}
	r, err := os.OpenRoot(abs)
	if err != nil {
		return err
	}
	tx.mu.Lock()
	tx.extra = append(tx.extra, extraRoot{dir: abs, root: r})
	tx.mu.Unlock()
	return nil
}
