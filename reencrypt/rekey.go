package reencrypt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"filippo.io/age"
	"github.com/hashicorp/go-multierror"

	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// RekeyOptions say what to bring in sync.
type RekeyOptions struct {
	RepoRoot  string
	RulesFile string
	Rules     *secretsnix.Rules // nil: evaluate RulesFile
	UseNix    bool              // evaluate RulesFile with nix-instantiate
	// Paths restrict the run to these secrets (absolute, or relative to the
	// working directory); each must be a declared secret.
	Paths  []string
	DryRun bool // plan only: nothing is decrypted or written
	Force  bool // re-encrypt every selected file, in sync or not
	Rotate bool // planned files get a fresh file key even when only adding
	Jobs   int  // files processed in parallel (0: NumCPU); more wait on fsync meanwhile
	// Identities open the planned files.
	Identities *Identities
	// Progress receives the events of the run, one at a time.
	Progress func(Event)

	// failWrite, when set (package tests only), is called with each
	// planned file once its temp file is written; an error it returns is
	// handled as an I/O failure of that file. It lets the write-failure
	// path be tested as root, whom permissions do not stop.
	failWrite func(path string) error
}

// EventKind is what an Event reports.
type EventKind int

const (
	EventPlanned EventKind = iota + 1 // a file will be rekeyed (sent once every planned file is opened, before anything is written)
	EventWritten                      // a file was replaced
	EventFailed                       // a file could not be written; it is left as it was
)

// Event is one step of a rekey run.
type Event struct {
	Kind EventKind
	File PlannedFile
	Err  error // EventFailed
}

// PlannedFile is one file a rekey changes.
type PlannedFile struct {
	Path        string   // relative to the repo root
	Add, Remove []string // names (else recipient text), as in Secret
	// Fresh: re-encrypted under a fresh file key (a removal, --rotate,
	// --force, or recipients that cannot be proven); else the header is
	// rewrapped and the payload bytes stay.
	Fresh bool
}

// FileError is a file that could not be processed.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// OpenError is the set of planned files that stopped a rekey before
// anything was written: files that cannot be opened (no identity, corrupt
// header, invalid file) or whose payload turned out undecryptable or
// truncated while being re-encrypted. It is returned inside an
// *InputError; callers print one line per file (Files), then Summary.
type OpenError struct {
	Files   []FileError
	Planned int // files planned (or selected, when invalid ones are refused)
	// Identities lists the identities tried ("" when identities are not
	// the issue: payload errors).
	Identities string
}

// Error is one line, for callers that print errors as they come.
func (e *OpenError) Error() string {
	parts := make([]string, len(e.Files))
	for i := range e.Files {
		parts[i] = e.Files[i].Error()
	}
	return fmt.Sprintf("cannot rekey %d of %d planned files (%s); %s", len(e.Files), e.Planned, strings.Join(parts, "; "), e.Summary())
}

// Unwrap lets errors.Is and errors.As see each file's error.
func (e *OpenError) Unwrap() []error {
	out := make([]error, len(e.Files))
	for i := range e.Files {
		out[i] = &e.Files[i]
	}
	return out
}

// Summary is the closing line: nothing was written, and with what
// identities.
func (e *OpenError) Summary() string {
	if e.Identities == "" {
		return "nothing was written"
	}
	return "nothing was written (identities tried: " + e.Identities + ")"
}

// RekeyResult is what a rekey did.
type RekeyResult struct {
	Plan        []PlannedFile
	Rekeyed     int
	Unchanged   int // selected, existing files that needed nothing
	Failed      []FileError
	LockWritten bool
	// Unverified are the selected files left unverified (X25519 or other
	// count-only recipients without a trusted lock entry), by path: a
	// --force rekey of them brings them under the lock.
	Unverified []string
}

type planned struct {
	s       *Secret
	pf      PlannedFile
	fileKey []byte
	recips  []age.Recipient // all declared (fresh) or the missing ones (rewrap)

	// Set by writeTemp: the temp file holding the new content (closed and
	// synced, not yet renamed), its lock entry, and why it failed.
	temp    string
	source  os.FileInfo // the file as it was read, to notice an edit before the rename
	entry   *lockEntry
	err     error
	content bool // err is about the file's content (exit 2), not I/O
}

// Rekey brings the selected stale secrets (all with Force) to their
// declared recipients, as a two-phase commit:
//
//  1. open every planned file (unwrap its file key); if one cannot be
//     opened, or a selected file is invalid, nothing is written
//     (*InputError wrapping *OpenError);
//  2. write the new content of every planned file to a temp file in its
//     own directory, synced and closed; if one turns out undecryptable or
//     truncated, every temp file is removed and nothing is written
//     (*InputError wrapping *OpenError), and the same on cancellation;
//  3. rename the temp files over the originals, fsync each directory once,
//     then update the lock file.
//
// Files whose temp file or rename fail for an I/O reason are left as they
// were, reported in Failed and in the returned error (not an *InputError),
// while the others are committed. The repo lock is held throughout.
func Rekey(ctx context.Context, opts RekeyOptions) (*RekeyResult, error) {
	if !opts.DryRun {
		fl, err := lockRepo(opts.RepoRoot)
		if err != nil {
			return nil, err
		}
		defer fl.Close()
	}
	inv, err := Audit(ctx, AuditOptions{RepoRoot: opts.RepoRoot, RulesFile: opts.RulesFile, Rules: opts.Rules, Jobs: opts.Jobs, UseNix: opts.UseNix})
	if err != nil {
		return nil, err
	}
	selected, err := inv.selectPaths(opts.Paths)
	if err != nil {
		return nil, err
	}
	res := &RekeyResult{}
	var plan []*planned
	var invalid []FileError
	for _, s := range selected {
		if !s.Exists {
			continue
		}
		if s.Status == StatusInvalid {
			// Not planned: nothing can be done to a file whose header
			// cannot be read, and the run must not write anything else.
			invalid = append(invalid, FileError{Path: s.Path, Err: s.Err})
			continue
		}
		if !(opts.Force || s.Status == StatusStale) {
			if s.Status == StatusUnverified {
				res.Unverified = append(res.Unverified, s.Path)
			}
			res.Unchanged++
			continue
		}
		p := &planned{s: s, pf: PlannedFile{Path: s.Path, Add: s.Add, Remove: s.Remove}}
		p.pf.Fresh = opts.Force || opts.Rotate || !s.known || len(s.Remove) > 0
		plan = append(plan, p)
		res.Plan = append(res.Plan, p.pf)
	}
	var mu sync.Mutex
	emit := func(e Event) {
		if opts.Progress != nil {
			mu.Lock()
			defer mu.Unlock()
			opts.Progress(e)
		}
	}
	if len(invalid) > 0 {
		return res, inputErr(&OpenError{Files: invalid, Planned: len(plan) + len(invalid)})
	}
	if opts.DryRun || len(plan) == 0 {
		for _, p := range plan {
			emit(Event{Kind: EventPlanned, File: p.pf})
		}
		if !opts.DryRun {
			res.LockWritten, err = inv.updateLock(nil)
		}
		return res, err
	}

	// Phase 1: open every planned file before writing any.
	ids := opts.Identities.ageIdentities()
	errs := make([]error, len(plan))
	forEach(opts.Jobs, len(plan), func(i int) {
		if ctx.Err() != nil {
			errs[i] = ctx.Err()
			return
		}
		errs[i] = inv.open(plan[i], ids)
	})
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("interrupted before writing anything: %w", err)
	}
	var bad []FileError
	for i, err := range errs {
		if err != nil {
			bad = append(bad, FileError{Path: plan[i].s.Path, Err: err})
		}
	}
	if len(bad) > 0 {
		return res, inputErr(&OpenError{Files: bad, Planned: len(plan), Identities: describeIdentities(opts.Identities)})
	}
	// The plan is printed only now that it is known to be possible.
	for _, p := range plan {
		emit(Event{Kind: EventPlanned, File: p.pf})
	}

	// Phase 2: every planned file to a temp file, nothing renamed. Jobs
	// bounds the CPU-bound part of each file (the wrapping or
	// re-encryption, under cpu); its fsync only waits on the disk, so more
	// files than that are in flight: their waits overlap the crypto of the
	// next ones, and each other (concurrent fsyncs share journal commits).
	// Each temp file is closed once written, so that 10,000 planned files
	// do not hold 10,000 descriptors.
	cpu := make(chan struct{}, workers(opts.Jobs))
	forEach(ioWorkers(opts.Jobs), len(plan), func(i int) {
		if err := ctx.Err(); err != nil {
			plan[i].err = err
			return
		}
		plan[i].writeTemp(ctx, cpu, opts.failWrite)
	})
	removeTemps := func() {
		for _, p := range plan {
			if p.temp != "" {
				os.Remove(p.temp)
				p.temp = ""
			}
		}
	}
	if err := ctx.Err(); err != nil {
		removeTemps()
		return res, fmt.Errorf("interrupted before renaming anything; nothing was written: %w", err)
	}
	bad = nil
	for _, p := range plan {
		if p.err != nil && p.content {
			bad = append(bad, FileError{Path: p.s.Path, Err: p.err})
		}
	}
	if len(bad) > 0 {
		removeTemps()
		return res, inputErr(&OpenError{Files: bad, Planned: len(plan)})
	}

	// Phase 3: commit. Renames are metadata operations; done in parallel
	// they overlap like the fsyncs.
	forEach(ioWorkers(opts.Jobs), len(plan), func(i int) {
		p := plan[i]
		if p.err == nil {
			// The repo lock does not stop another tool (agenix -e) from
			// saving the file meanwhile: never rename over such an edit.
			if now, err := os.Stat(p.s.File); err != nil || !sameState(now, p.source) {
				os.Remove(p.temp)
				p.err = errors.New("changed by another program during the rekey; left as it is")
			} else if err := os.Rename(p.temp, p.s.File); err != nil {
				os.Remove(p.temp)
				p.err = err
			}
			p.temp = ""
		}
		if p.err != nil {
			emit(Event{Kind: EventFailed, File: p.pf, Err: p.err})
		} else {
			emit(Event{Kind: EventWritten, File: p.pf})
		}
	})
	var merr *multierror.Error
	done := map[string]*lockEntry{}
	dirSet := map[string]bool{}
	for _, p := range plan {
		if p.err != nil {
			fe := FileError{Path: p.s.Path, Err: p.err}
			res.Failed = append(res.Failed, fe)
			merr = multierror.Append(merr, &fe)
			continue
		}
		res.Rekeyed++
		done[p.s.LockKey] = p.entry
		dirSet[filepath.Dir(p.s.File)] = true
	}
	// One fsync per directory instead of per file, all done before the
	// lock file that describes the renames is written.
	dirs := make([]string, 0, len(dirSet))
	for d := range dirSet {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	dirErrs := make([]error, len(dirs))
	forEach(ioWorkers(opts.Jobs), len(dirs), func(i int) { dirErrs[i] = syncDir(dirs[i]) })
	for i, err := range dirErrs {
		if err != nil {
			merr = multierror.Append(merr, fmt.Errorf("%s: %w", dirs[i], err))
		}
	}
	lockWritten, lerr := inv.updateLock(done)
	res.LockWritten = lockWritten
	if lerr != nil {
		merr = multierror.Append(merr, fmt.Errorf("%s: %w", inv.lockPath, lerr))
	}
	if merr != nil {
		merr.ErrorFormat = func(es []error) string {
			var lines []string
			for _, e := range es {
				lines = append(lines, e.Error())
			}
			return strings.Join(lines, "\n")
		}
	}
	return res, merr.ErrorOrNil()
}

// selectPaths returns the declared secrets named by paths (all declared
// secrets when paths is empty).
func (inv *Inventory) selectPaths(paths []string) ([]*Secret, error) {
	if len(paths) == 0 {
		var out []*Secret
		for _, s := range inv.Secrets {
			if s.Declared {
				out = append(out, s)
			}
		}
		return out, nil
	}
	var out []*Secret
	seen := map[*Secret]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		real, err := resolve(abs)
		if err != nil {
			return nil, inputErr(fmt.Errorf("%s: %w", p, err))
		}
		s := inv.find(real)
		if s == nil || !s.Declared {
			return nil, inputErr(fmt.Errorf("%s is not a secret declared in %s", p, inv.RulesFile))
		}
		if !s.Exists {
			return nil, inputErr(fmt.Errorf("%s is declared in %s but does not exist: nothing to rekey (create it with agenix -e)", p, inv.RulesFile))
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// open unwraps the file key of a planned file and prepares its recipients.
func (inv *Inventory) open(p *planned, ids []age.Identity) error {
	s := p.s
	if s.Err != nil {
		return s.Err
	}
	if s.header.Passphrase() {
		return errors.New("passphrase-encrypted (scrypt) file: nfrekey does not rekey those")
	}
	if len(s.Recipients) == 0 {
		return errors.New("the rules declare no recipient for it")
	}
	key, err := s.header.UnwrapFileKey(ids)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) || len(ids) == 0 {
			if len(ids) == 0 {
				return fmt.Errorf("no identity to open it (its recipients: %s)", inv.describeActual(s.header))
			}
			return fmt.Errorf("no identity opens it (its recipients: %s)", inv.describeActual(s.header))
		}
		return fmt.Errorf("%w (its recipients: %s)", err, inv.describeActual(s.header))
	}
	p.fileKey = key
	if p.pf.Fresh {
		for _, d := range s.Recipients {
			r, err := inv.ageRecipient(d.Recipient)
			if err != nil {
				return fmt.Errorf("recipient %s: %v", d.Label(), err)
			}
			p.recips = append(p.recips, r)
		}
	} else {
		for _, m := range s.missing {
			r, err := inv.ageRecipient(m)
			if err != nil {
				return fmt.Errorf("recipient %s: %v", m.String(), err)
			}
			p.recips = append(p.recips, r)
		}
	}
	return nil
}

// tempPrefix starts the name of every temp file a rekey writes, so that
// one a crash leaves behind is recognisable (and safe to delete: it is
// never the only copy of anything).
const tempPrefix = ".nfrekey-tmp-"

// sameState reports whether a and b describe the same, unmodified file.
func sameState(a, b os.FileInfo) bool {
	return b != nil && os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// writeTemp writes the new content of the planned file to a temp file in
// its directory, synced and closed, and records it in p.temp with its lock
// entry; or records in p.err why it could not, with no temp file left. It
// holds a token of cpu while it computes and writes the content, not while
// it waits for the disk to make it durable. failWrite, when set (tests),
// injects an I/O failure once the content is written.
func (p *planned) writeTemp(ctx context.Context, cpu chan struct{}, failWrite func(string) error) {
	dir := filepath.Dir(p.s.File)
	var tmp *os.File
	fail := func(err error, content bool) {
		if tmp != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		p.err, p.content = err, content
	}
	src, err := os.Open(p.s.File)
	if err != nil {
		fail(err, false)
		return
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		fail(err, false)
		return
	}
	// CreateTemp makes the file 0600: it never has wider permissions than
	// the original, whose mode it then takes.
	if tmp, err = os.CreateTemp(dir, tempPrefix+filepath.Base(p.s.File)+"-*"); err != nil {
		fail(err, false)
		return
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		fail(err, false)
		return
	}
	// Keep the owner too, so a rekey run with sudo does not hand a user's
	// secrets to root. Best effort: without privilege only our own uid is
	// possible, which is then the owner already in the common case.
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		_ = tmp.Chown(int(sys.Uid), int(sys.Gid))
	}
	p.source = st
	cpu <- struct{}{}
	// The contract keeps a file's armor; a rule disagreeing with it is an
	// armor-mismatch finding, not a reason to rewrite.
	sum, err := writeAge(ctx, tmp, src, p.fileKey, p.recips, p.pf.Fresh, p.s.header.Armored)
	<-cpu
	if err != nil {
		fail(err, isContentError(ctx, err))
		return
	}
	if failWrite != nil {
		if err := failWrite(p.s.File); err != nil {
			fail(err, false)
			return
		}
	}
	if err := tmp.Sync(); err != nil {
		fail(err, false)
		return
	}
	if err := tmp.Close(); err != nil {
		name := tmp.Name()
		tmp = nil
		os.Remove(name)
		fail(err, false)
		return
	}
	p.temp = tmp.Name()
	e := &lockEntry{SHA256: sum}
	for _, d := range p.s.Recipients {
		e.Recipients = append(e.Recipients, d.Recipient.String())
	}
	sort.Strings(e.Recipients)
	p.entry = e
}

// isContentError reports whether err, from writing a planned file's new
// content, is about the file itself (a corrupt, truncated or undecryptable
// payload: bad input, exit 2) rather than the system (reading or writing
// failed: exit 1, others committed). Errors of the file system carry an
// *fs.PathError or an errno; age's authentication failures and agefile's
// format errors carry neither.
func isContentError(ctx context.Context, err error) bool {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return false
	}
	for _, e := range []error{agefile.ErrTruncated, agefile.ErrPayloadShape, agefile.ErrMalformed,
		agefile.ErrBadHeaderMAC, agefile.ErrNotAge, io.ErrUnexpectedEOF} {
		if errors.Is(err, e) {
			return true
		}
	}
	var pe *fs.PathError
	var errno syscall.Errno
	return !errors.As(err, &pe) && !errors.As(err, &errno)
}

// updateLock records the files written, drops the entries of files that
// no longer exist or are no longer declared (nfrekey vouches only for
// declared secrets), and writes the lock file if its content changed.
// Secrets whose lock key would leave the rules file's directory get no
// entry.
func (inv *Inventory) updateLock(done map[string]*lockEntry) (bool, error) {
	declared := map[string]bool{}
	for _, s := range inv.Secrets {
		if s.Declared && s.Exists && validLockKey(s.LockKey) {
			declared[s.LockKey] = true
		}
	}
	files := map[string]lockEntry{}
	for k, e := range inv.lock.Files {
		if declared[k] && inv.lockKeyExists(k) {
			files[k] = e
		}
	}
	for k, e := range done {
		if declared[k] {
			files[k] = *e
		}
	}
	lf := &lockFile{Version: 1, Files: files}
	return lf.writeIfChanged(inv.lockPath, inv.lockData)
}

// ageRecipient returns r's age.Recipient, built once per run: building an
// ssh-ed25519 one costs a point decoding and a scalar multiplication (the
// pre-tweak), and the same few recipients serve every planned file.
func (inv *Inventory) ageRecipient(r recipients.Recipient) (age.Recipient, error) {
	if ar, ok := inv.ageRecips.Load(r.ID()); ok {
		return ar.(age.Recipient), nil
	}
	ar, err := r.AgeRecipient()
	if err != nil {
		return nil, err
	}
	inv.ageRecips.Store(r.ID(), ar)
	return ar, nil
}
