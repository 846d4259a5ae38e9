package reencrypt

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"filippo.io/age"
	"github.com/google/renameio/v2"
	"github.com/hashicorp/go-multierror"

	"github.com/nfrekey/nfrekey/secretsnix"
)

// RekeyOptions say what to bring in sync.
type RekeyOptions struct {
	RepoRoot  string
	RulesFile string
	Rules     *secretsnix.Rules // nil: evaluate RulesFile
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
}

// EventKind is what an Event reports.
type EventKind int

const (
	EventPlanned EventKind = iota + 1 // a file will be rekeyed (sent before anything is decrypted)
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

// RekeyResult is what a rekey did.
type RekeyResult struct {
	Plan        []PlannedFile
	Rekeyed     int
	Unchanged   int // selected, existing files that needed nothing
	Failed      []FileError
	LockWritten bool
}

type planned struct {
	s       *Secret
	pf      PlannedFile
	fileKey []byte
	recips  []age.Recipient // all declared (fresh) or the missing ones (rewrap)
}

// Rekey brings the selected stale secrets (all with Force) to their
// declared recipients: plan, then open every planned file (nothing is
// written if one cannot be opened: *InputError), then replace each file
// atomically on Jobs workers, then update the lock file. Files that fail
// while being written are left as they were, reported in Failed and in the
// returned error (not an *InputError). The repo lock is held throughout.
func Rekey(ctx context.Context, opts RekeyOptions) (*RekeyResult, error) {
	if !opts.DryRun {
		fl, err := lockRepo(opts.RepoRoot)
		if err != nil {
			return nil, err
		}
		defer fl.Close()
	}
	inv, err := Audit(ctx, AuditOptions{RepoRoot: opts.RepoRoot, RulesFile: opts.RulesFile, Rules: opts.Rules, Jobs: opts.Jobs})
	if err != nil {
		return nil, err
	}
	selected, err := inv.selectPaths(opts.Paths)
	if err != nil {
		return nil, err
	}
	res := &RekeyResult{}
	var plan []*planned
	for _, s := range selected {
		if !s.Exists {
			continue
		}
		if !(opts.Force || s.Status == StatusStale || s.Status == StatusInvalid) {
			res.Unchanged++
			continue
		}
		p := &planned{s: s, pf: PlannedFile{Path: s.Path, Add: s.Add, Remove: s.Remove}}
		p.pf.Fresh = opts.Force || opts.Rotate || !s.known || len(s.Remove) > 0 || s.Status == StatusInvalid
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
	for _, p := range plan {
		emit(Event{Kind: EventPlanned, File: p.pf})
	}
	if opts.DryRun || len(plan) == 0 {
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
	var bad []string
	for i, err := range errs {
		if err != nil {
			bad = append(bad, "  "+plan[i].s.Path+": "+err.Error())
		}
	}
	if len(bad) > 0 {
		return res, inputErr(fmt.Errorf("cannot open %d of %d planned files; nothing was written:\n%s\nidentities tried: %s",
			len(bad), len(plan), strings.Join(bad, "\n"), describeIdentities(opts.Identities)))
	}

	// Phase 2: write. Jobs bounds the CPU-bound part of each file (the
	// wrapping or re-encryption into its temp file, under cpu); its fsync
	// and rename only wait on the disk, so more files than that are in
	// flight: their waits overlap the crypto of the next ones, and each
	// other (concurrent fsyncs share journal commits).
	cpu := make(chan struct{}, workers(opts.Jobs))
	entries := make([]*lockEntry, len(plan))
	forEach(ioWorkers(opts.Jobs), len(plan), func(i int) {
		p := plan[i]
		if err := ctx.Err(); err != nil {
			errs[i] = err
		} else {
			entries[i], errs[i] = p.write(cpu)
		}
		if errs[i] != nil {
			emit(Event{Kind: EventFailed, File: p.pf, Err: errs[i]})
		} else {
			emit(Event{Kind: EventWritten, File: p.pf})
		}
	})
	var merr *multierror.Error
	done := map[string]*lockEntry{}
	dirSet := map[string]bool{}
	for i, p := range plan {
		if errs[i] != nil {
			fe := FileError{Path: p.s.Path, Err: errs[i]}
			res.Failed = append(res.Failed, fe)
			merr = multierror.Append(merr, &fe)
			continue
		}
		res.Rekeyed++
		done[p.s.LockKey] = entries[i]
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
		return fmt.Errorf("%v (its recipients: %s)", err, inv.describeActual(s.header))
	}
	p.fileKey = key
	if p.pf.Fresh {
		for _, d := range s.Recipients {
			r, err := d.Recipient.AgeRecipient()
			if err != nil {
				return fmt.Errorf("recipient %s: %v", d.Label(), err)
			}
			p.recips = append(p.recips, r)
		}
	} else {
		for _, m := range s.missing {
			r, err := m.AgeRecipient()
			if err != nil {
				return fmt.Errorf("recipient %s: %v", m.String(), err)
			}
			p.recips = append(p.recips, r)
		}
	}
	return nil
}

// write replaces the planned file atomically and returns its lock entry.
// It holds a token of cpu while it computes and writes the new file, not
// while it waits for the disk to make it durable. On error the file is as
// it was.
func (p *planned) write(cpu chan struct{}) (*lockEntry, error) {
	cpu <- struct{}{}
	pf, sum, err := p.writeTemp()
	<-cpu
	if err != nil {
		return nil, err
	}
	defer pf.Cleanup()
	if err := pf.CloseAtomicallyReplace(); err != nil {
		return nil, err
	}
	// The directory is synced once for all its files, after every rename.
	e := &lockEntry{SHA256: sum}
	for _, d := range p.s.Recipients {
		e.Recipients = append(e.Recipients, d.Recipient.String())
	}
	sort.Strings(e.Recipients)
	return e, nil
}

// writeTemp writes the new content of the planned file to a pending file
// in its directory and returns it, not yet synced nor renamed, with the
// SHA-256 of its content.
func (p *planned) writeTemp() (*renameio.PendingFile, string, error) {
	src, err := os.Open(p.s.File)
	if err != nil {
		return nil, "", err
	}
	defer src.Close()
	pf, err := renameio.NewPendingFile(p.s.File, renameio.WithTempDir(filepath.Dir(p.s.File)), renameio.WithExistingPermissions())
	if err != nil {
		return nil, "", err
	}
	sum, err := writeAge(pf.File, src, p.fileKey, p.recips, p.pf.Fresh, p.s.header.Armored)
	if err != nil {
		pf.Cleanup()
		return nil, "", err
	}
	return pf, sum, nil
}

// updateLock records the files written, drops entries of files that no
// longer exist, and writes the lock file if its content changed.
func (inv *Inventory) updateLock(done map[string]*lockEntry) (bool, error) {
	files := map[string]lockEntry{}
	for k, e := range inv.lock.Files {
		if inv.lockKeyExists(k) {
			files[k] = e
		}
	}
	for k, e := range done {
		files[k] = *e
	}
	lf := &lockFile{Version: 1, Files: files}
	return lf.writeIfChanged(inv.lockPath, inv.lockData)
}
