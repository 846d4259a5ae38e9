package reencrypt

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/reencrypt/agenix"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// RekeyOptions say what to bring in sync.
type RekeyOptions struct {
	RepoRoot  string
	RulesFile string
	Rules     *secretsnix.Rules // nil: evaluate RulesFile
	// RulesFiles are further rules files, each governing the paths it names.
	RulesFiles []string
	UseNix     bool // evaluate the rules files with nix-instantiate
	// Paths restrict the run to these secrets (absolute, or relative to the
	// working directory); each must be a declared secret.
	Paths  []string
	DryRun bool // plan only: nothing is decrypted or written
	Force  bool // re-encrypt every selected file, in sync or not
	Rotate bool // planned files get a fresh file key even when only adding
	Jobs   int  // files processed in parallel (0: NumCPU); more wait on fsync meanwhile
	// Identities open the planned files.
	Identities *identity.Set
	// Progress receives the events of the run, one at a time.
	Progress func(Event)
	// Steps also sends Progress an EventOpened and an EventStaged per
	// planned file, for a progress bar of the work before the renames.
	Steps bool
	// Preflight, with DryRun, also opens every planned file (unwraps its
	// file key with Identities), so that a dry run that succeeds means
	// the real run can open everything. Nothing is written or locked.
	Preflight bool

	// SopsConfig, when set, governs every sops file (--sops-config).
	SopsConfig string

	// failWrite (package tests only) is agenix.PlanOptions.FailStage.
	failWrite func(path string) error
}

// EventKind is what an Event reports.
type EventKind int

const (
	EventPlanned EventKind = iota + 1 // a file will be rekeyed (sent once every planned file is opened and staged, before any rename)
	EventWritten                      // a file was replaced
	EventFailed                       // a file could not be written; it is left as it was
	// EventCommitting: the renames start now; the run finishes them
	// whatever happens to its context. Sent once, before the first rename.
	EventCommitting
	// EventOpened (with Steps): a planned file's key was unwrapped
	// (File.Path only; before the EventPlanned events). EventStaged: its new content was
	// written to a temp file, or failed to be. Both are progress only.
	EventOpened
	EventStaged
)

// Event is one step of a rekey run.
type Event struct {
	Kind EventKind
	File PlannedFile
	Err  error // EventFailed
	Of   int   // EventOpened, EventStaged: the number of planned files
}

// Rekey brings the selected stale secrets (all with Force) to their
// declared recipients, as one transaction:
//
//  1. plan and open every planned file (unwrap its file key); if one
//     cannot be opened, or a selected file is invalid, nothing is written
//     (*InputError wrapping *OpenError);
//  2. stage the new content of every planned file into a temp file beside
//     it; if one turns out undecryptable or truncated, every temp file is
//     removed and nothing is written (*InputError wrapping *OpenError),
//     and the same on cancellation;
//  3. commit: the secrets renamed (each directory fsynced once), then the
//     lock file.
//
// Files whose staging or rename fail for an I/O reason, or that someone
// else changed meanwhile, are left as they were, reported in Failed and in
// the returned error (not an *InputError), while the others are committed.
// The repo lock is held throughout (not for DryRun, which only plans).
// Written and Failed events come after the last rename.
func Rekey(ctx context.Context, opts RekeyOptions) (res *RekeyResult, err error) {
	var tx *txn.Tx
	var sw sweep
	defer func() {
		if res != nil {
			sw.record(res)
		}
	}()
	if !opts.DryRun {
		if tx, sw, err = begin(ctx, opts.RepoRoot, opts.Jobs); err != nil {
			return nil, err
		}
		defer tx.Close()
	}
	var mu sync.Mutex
	emit := func(e Event) {
		if opts.Progress != nil {
			mu.Lock()
			defer mu.Unlock()
			opts.Progress(e)
		}
	}
	total := 0 // set once planned; the steps come after
	step := func(kind EventKind) func(string) {
		return func(path string) { emit(Event{Kind: kind, File: PlannedFile{Path: path}, Of: total}) }
	}
	// The sops files first: they say which of the paths are theirs.
	si, err := auditSops(ctx, opts.RepoRoot, opts.SopsConfig)
	if err != nil {
		return nil, err
	}
	var selected map[string]bool
	agePaths := opts.Paths
	if len(opts.Paths) > 0 {
		if selected, agePaths, err = sopsSelection(si, opts.Paths); err != nil {
			return nil, err
		}
	}
	sp := newSopsPlan(si, selected, opts.Force, opts.Rotate, opts.Jobs)
	var plans []*agenix.Plan
	srcs := rulesSources(opts.RulesFile, opts.Rules, opts.RulesFiles)
	switch {
	case len(srcs) > 0 && (len(opts.Paths) == 0 || len(agePaths) > 0):
		popts := agenix.PlanOptions{RepoRoot: opts.RepoRoot, UseNix: opts.UseNix, Paths: agePaths,
			Force: opts.Force, Rotate: opts.Rotate, Jobs: opts.Jobs, FailStage: opts.failWrite}
		if opts.Steps {
			popts.Opened, popts.Staged = step(EventOpened), step(EventStaged)
		}
		if plans, err = newAgePlans(ctx, srcs, popts); err != nil {
			return nil, err
		}
		for _, pl := range plans {
			if err := pl.Refused(); err != nil {
				return joinPlan(plans, nil), err
			}
		}
	case len(agePaths) > 0:
		return nil, inputErr(fmt.Errorf("%s: not a secret of the repo: no sops metadata, and the repo has no agenix rules file", agePaths[0]))
	}
	if err := sp.refused(); err != nil {
		return joinPlan(plans, sp), err
	}
	planned := joinPlan(plans, sp).Plan
	total = len(planned)
	open := func() error {
		for _, pl := range plans {
			if err := pl.Open(ctx, opts.Identities); err != nil {
				return err
			}
		}
		return sp.open(ctx, opts.Identities)
	}
	if opts.DryRun && opts.Preflight {
		if err := open(); err != nil {
			return joinPlan(plans, sp), err
		}
	}
	if opts.DryRun || len(planned) == 0 {
		for _, f := range planned {
			emit(Event{Kind: EventPlanned, File: f})
		}
		if opts.DryRun {
			return joinPlan(plans, sp), nil
		}
		emit(Event{Kind: EventCommitting})
		return commitAll(tx, plans, sp, nil)
	}
	if err := open(); err != nil {
		return joinPlan(plans, sp), err
	}
	for _, pl := range plans {
		if err := pl.Stage(ctx, tx); err != nil {
			// Close discards the other plans' temps.
			return joinPlan(plans, nil), err
		}
	}
	sp.stage(tx)
	// The plan is shown only now that it is known to be possible: every
	// file opened and its new content staged (a corrupt payload is an exit
	// 2 that printed no plan).
	for _, f := range planned {
		emit(Event{Kind: EventPlanned, File: f})
	}
	if err := ctx.Err(); err != nil {
		return joinPlan(plans, sp), fmt.Errorf("interrupted before renaming anything; nothing was written: %w", err)
	}
	emit(Event{Kind: EventCommitting})
	secrets := tx.Commit()
	res, err = commitAll(tx, plans, sp, secrets)
	for _, f := range res.Plan {
		if e := fileErr(res, f.Path); e != nil {
			emit(Event{Kind: EventFailed, File: f, Err: e})
		} else {
			emit(Event{Kind: EventWritten, File: f})
		}
	}
	return res, err
}

// joinPlan is the plan-only result of both backends.
func joinPlan(plans []*agenix.Plan, sp *sopsPlan) *RekeyResult {
	return mergeResults([]*RekeyResult{joinPlans(plans), sp.result(nil)})
}

// commitAll finishes a run of both backends once the secrets are
// committed: each age plan's lock file, and the sops files' outcome.
func commitAll(tx *txn.Tx, plans []*agenix.Plan, sp *sopsPlan, secrets *txn.Result) (*RekeyResult, error) {
	var rs []*RekeyResult
	var errs []error
	for _, pl := range plans {
		r, err := commitLock(tx, pl, secrets)
		rs = append(rs, r)
		errs = append(errs, err)
	}
	if secrets != nil {
		errs = append(errs, secrets.Errs...)
	}
	sr := sp.result(secrets)
	errs = append(errs, sp.errs(sr))
	out := mergeResults(append(rs, sr))
	out.Undeclared = undeclaredOf(out.Undeclared, inventories(plans))
	return out, errors.Join(errs...)
}

// sweep is what a mutating run cleaned up after killed runs before its
// own work: a rules commit it finished, the temps it removed.
type sweep struct {
	temps     int
	finished  []string
	abandoned []string
}

// begin starts the transaction of a mutating run, finishes the rules
// commit a killed run left half done (before anything is read: the run
// then works from the whole edit), and removes the temps of killed runs;
// a held lock is an input error.
func begin(ctx context.Context, root string, jobs int) (*txn.Tx, sweep, error) {
	var sw sweep
	tx, err := txn.Begin(ctx, txn.Options{Root: root, Jobs: max(16, 4*jobs)})
	if errors.Is(err, txn.ErrLocked) {
		return nil, sw, inputErr(err)
	}
	if err != nil {
		return nil, sw, inputErr(fmt.Errorf("cannot lock the repo (%s): %w", root, err))
	}
	rec, err := tx.Recover()
	if err != nil {
		tx.Close()
		return nil, sw, inputErr(err)
	}
	sw.finished = rec.Finished
	for _, e := range rec.Abandoned {
		sw.abandoned = append(sw.abandoned, e.Error())
	}
	// Under the lock no live run owns a temp: any is a killed run's, and
	// holds ciphertext for an old recipient set. Every mutating run sweeps.
	removed, err := tx.RemoveStale()
	if err != nil {
		tx.Close()
		if errors.Is(err, txn.ErrOtherJournal) {
			err = inputErr(err) // nothing done, as a refused journal of its own
		}
		return nil, sw, err
	}
	sw.temps = len(removed)
	return tx, sw, nil
}

// record puts what the sweep did into a run's result.
func (sw sweep) record(res *RekeyResult) {
	res.TempsRemoved = sw.temps
	res.Finished = sw.finished
	res.Abandoned = sw.abandoned
}

// commitLock commits the plan's lock file after the secrets and joins
// its files' failures and the lock commit's into an error (the secrets
// commit's own, its fsyncs, are the caller's: several plans share it).
func commitLock(tx *txn.Tx, pl *agenix.Plan, secrets *txn.Result) (*RekeyResult, error) {
	var errs []error
	var lock *txn.Result
	if err := pl.StageLock(tx, secrets); err != nil {
		errs = append(errs, err)
	} else {
		lock = tx.Commit()
	}
	res := pl.Result(secrets, lock)
	for i := range res.Failed {
		errs = append(errs, &res.Failed[i])
	}
	// The secrets' failures are the plan's, in res.Failed; the lock
	// file's and the fsyncs' are not.
	if lock != nil {
		for i := range lock.Failed {
			errs = append(errs, &lock.Failed[i])
		}
		errs = append(errs, lock.Errs...)
	}
	// errors.Join: one line per failure, each still matched by errors.Is.
	return res, errors.Join(errs...)
}

func fileErr(res *RekeyResult, path string) error {
	for _, f := range res.Failed {
		if f.Path == path {
			return f.Err
		}
	}
	return nil
}

// staleTempMessage says what a killed run's temp file holds: a temp of a
// secret holds ciphertext for the recipients of that run (after a removal,
// the removed host may open it); one of a rules or lock file holds no
// secret, only an edit that was not committed.
func staleTempMessage(base string) string {
	name := strings.TrimPrefix(base, txn.TempPrefix)
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		name = name[:i]
	}
	for _, suffix := range []string{".nix", ".sops.yaml", ".sops.yml", LockFileName, ".pub"} {
		if strings.HasSuffix(name, suffix) {
			return "temp file left by an interrupted nfrekey run (an uncommitted edit of " + name + ", no secret; do not commit it): the next mutating run removes it"
		}
	}
	return "temp file left by an interrupted nfrekey run (ciphertext of " + name + " for an old recipient set; do not commit it): the next mutating run removes it"
}
