package agenix

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"syscall"

	"filippo.io/age"
	"filippo.io/age/plugin"

	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// PlanOptions say what to bring in sync.
type PlanOptions struct {
	RepoRoot  string
	RulesFile string
	// Rules are the evaluated rules (add-host passes the new rules,
	// evaluated over its in-memory edit); nil: evaluate RulesFile.
	Rules  *secretsnix.Rules
	UseNix bool // evaluate RulesFile with nix-instantiate
	// Paths restrict the run to these secrets (absolute, or relative to the
	// working directory); each must be a declared secret.
	Paths []string
	// OthersMayDeclare: a path of Paths this rules file does not declare
	// is left out rather than refused (another rules file of the run may
	// declare it); Plan.Claimed lists the ones it took.
	OthersMayDeclare bool
	Force            bool // re-encrypt every selected file, in sync or not
	Rotate           bool // planned files get a fresh file key even when only adding
	Jobs             int  // files processed in parallel (0: NumCPU); more wait on fsync meanwhile
	// Former, AgeFiles: see AuditOptions.
	Former   []Declared
	AgeFiles []string

	// Opened and Staged, when set, are called with each planned file's
	// path once its file key is unwrapped (Open) and once its temp file is
	// written (Stage, failed or not): the caller's progress. They are
	// called from several goroutines at once.
	Opened, Staged func(path string)

	// FailStage is fault injection for tests: called with each planned
	// file once its temp file is written, an error it returns is handled
	// as an I/O failure of that file (root is not stopped by permissions).
	FailStage func(path string) error
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
	// TempsRemoved counts the temp files of killed runs the run removed.
	TempsRemoved int
	// Finished are the rules files whose edit, left half committed by a
	// killed run, this run finished first; Abandoned say why that edit
	// was dropped instead (none of it was written, and a file it names
	// changed since or lost its staged copy).
	Finished, Abandoned []string
	// Unverified are the selected files left unverified (X25519 or other
	// count-only recipients without a trusted lock entry), by path: a
	// --force rekey of them brings them under the lock.
	Unverified []string
	// Missing are the selected secrets declared without a file yet;
	// Undeclared the .age files no rule covers (repo-relative paths).
	Missing, Undeclared []string
}

type planned struct {
	s       *Secret
	pf      PlannedFile
	fileKey []byte
	recips  []age.Recipient // all declared (fresh) or the missing ones (rewrap)
	// verified is the SHA-256 of the bytes whose payload Open proved to
	// decrypt; nil when Open could not read the file as audited (the stage
	// then verifies, and reports the change).
	verified []byte

	// Set by stage: the staged write, its lock entry, and why it failed.
	staged  *txn.Staged
	entry   *lockEntry
	err     error
	content bool // err is about the file's content (exit 2), not I/O
}

// Plan is a rekey of a repo's .age files, in the steps of a transaction:
// NewPlan (declared vs actual, nothing opened), Open (every planned file's
// file key unwrapped), Stage (new content into temps of a txn.Tx), then,
// once the caller committed the secrets phase, StageLock and Result.
type Plan struct {
	Inventory *Inventory
	// Claimed are the Paths (as given) this rules file declares.
	Claimed []string
	res     RekeyResult
	invalid []FileError
	files   []*planned
	opts    PlanOptions
}

// NewPlan audits the repo and plans the selected stale secrets (all with
// Force). Nothing is opened or written.
func NewPlan(ctx context.Context, opts PlanOptions) (*Plan, error) {
	inv, err := Audit(ctx, AuditOptions{RepoRoot: opts.RepoRoot, RulesFile: opts.RulesFile, Rules: opts.Rules, Jobs: opts.Jobs, UseNix: opts.UseNix, Former: opts.Former, AgeFiles: opts.AgeFiles})
	if err != nil {
		return nil, err
	}
	selected, claimed, err := inv.selectPaths(opts.Paths, opts.OthersMayDeclare)
	if err != nil {
		return nil, err
	}
	pl := &Plan{Inventory: inv, opts: opts, Claimed: claimed}
	for _, s := range inv.Secrets {
		if s.Status == StatusUndeclared {
			pl.res.Undeclared = append(pl.res.Undeclared, s.Path)
		}
	}
	for _, s := range selected {
		if !s.Exists {
			pl.res.Missing = append(pl.res.Missing, s.Path)
			continue
		}
		if s.Status == StatusInvalid {
			// Not planned: nothing can be done to a file whose header
			// cannot be read, and the run must not write anything else.
			pl.invalid = append(pl.invalid, FileError{Path: s.Path, Err: s.Err})
			continue
		}
		if !(opts.Force || s.Status == StatusStale) {
			if s.Status == StatusUnverified {
				pl.res.Unverified = append(pl.res.Unverified, s.Path)
			}
			pl.res.Unchanged++
			continue
		}
		p := &planned{s: s, pf: PlannedFile{Path: s.Path, Add: s.Add, Remove: s.Remove}}
		p.pf.Fresh = opts.Force || opts.Rotate || !s.known || len(s.Remove) > 0
		pl.files = append(pl.files, p)
		pl.res.Plan = append(pl.res.Plan, p.pf)
	}
	return pl, nil
}

// Files are the planned files.
func (pl *Plan) Files() []PlannedFile { return pl.res.Plan }

// Refused is the error of a plan that selected invalid files (an
// *InputError wrapping *OpenError): such a run must write nothing. Nil
// when none.
func (pl *Plan) Refused() error {
	if len(pl.invalid) == 0 {
		return nil
	}
	return inputErr(&OpenError{Files: pl.invalid, Planned: len(pl.files) + len(pl.invalid)})
}

// Open unwraps the file key of every planned file with ids and prepares
// its recipients. If one cannot be opened, the error is an *InputError
// wrapping *OpenError naming each: nothing may be written.
func (pl *Plan) Open(ctx context.Context, ids *identity.Set) error {
	if err := pl.Refused(); err != nil {
		return err
	}
	list := ids.Age()
	pl.Inventory.pluginUI = ids.PluginUI()
	errs := make([]error, len(pl.files))
	forEach(pl.opts.Jobs, len(pl.files), func(i int) {
		if ctx.Err() != nil {
			errs[i] = ctx.Err()
			return
		}
		errs[i] = pl.Inventory.open(ctx, pl.files[i], list)
		if pl.opts.Opened != nil {
			pl.opts.Opened(pl.files[i].s.Path)
		}
	})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted before writing anything: %w", err)
	}
	var bad []FileError
	for i, err := range errs {
		if err != nil {
			bad = append(bad, FileError{Path: pl.files[i].s.Path, Err: err})
		}
	}
	if len(bad) > 0 {
		return inputErr(&OpenError{Files: bad, Planned: len(pl.files), Identities: ids.Summary()})
	}
	return nil
}

// Stage writes the new content of every opened file into a temp file of
// tx (phase secrets), nothing renamed. A file whose payload turns out
// undecryptable or truncated discards every temp of the plan and is an
// *InputError wrapping *OpenError; so is cancellation (plain error).
// A file failing for an I/O reason is left out and reported by Result.
func (pl *Plan) Stage(ctx context.Context, tx *txn.Tx) error {
	// Jobs bounds the CPU-bound part of each file (the wrapping or
	// re-encryption, under cpu); its fsync only waits on the disk, so more
	// files than that are in flight: their waits overlap the crypto of the
	// next ones, and each other (concurrent fsyncs share journal commits).
	// Each temp file is closed once written, so that 10,000 planned files
	// do not hold 10,000 descriptors.
	cpu := make(chan struct{}, workers(pl.opts.Jobs))
	forEach(ioWorkers(pl.opts.Jobs), len(pl.files), func(i int) {
		if err := ctx.Err(); err != nil {
			pl.files[i].err = err
			return
		}
		pl.files[i].stage(ctx, tx, cpu, pl.opts.FailStage)
		if pl.opts.Staged != nil {
			pl.opts.Staged(pl.files[i].s.Path)
		}
	})
	discard := func() {
		for _, p := range pl.files {
			if p.staged != nil {
				tx.Discard(p.staged)
				p.staged = nil
			}
		}
	}
	if err := ctx.Err(); err != nil {
		discard()
		return fmt.Errorf("interrupted before renaming anything; nothing was written: %w", err)
	}
	var bad []FileError
	for _, p := range pl.files {
		if p.err != nil && p.content {
			bad = append(bad, FileError{Path: p.s.Path, Err: p.err})
		}
	}
	if len(bad) > 0 {
		discard()
		return inputErr(&OpenError{Files: bad, Planned: len(pl.files)})
	}
	return nil
}

// StageLock stages .nfrekey.lock (phase lock) for the files res committed,
// dropping entries of files no longer declared or present; nothing when
// its content would not change.
func (pl *Plan) StageLock(tx *txn.Tx, res *txn.Result) error {
	done := map[string]*lockEntry{}
	for _, p := range pl.files {
		if p.staged != nil && res != nil && res.IsCommitted(p.staged.Path()) {
			done[p.s.LockKey] = p.entry
		}
	}
	data, changed := pl.Inventory.lockContent(done)
	if !changed {
		return nil
	}
	_, err := tx.Stage(txn.Write{Path: pl.Inventory.lockPath, Phase: txn.PhaseLock, Data: data, Mode: 0o644})
	return err
}

// Result is what the run did, given the results of the commits of the
// secrets and of the lock file.
func (pl *Plan) Result(commits ...*txn.Result) *RekeyResult {
	res := pl.res
	committed := func(path string) bool {
		for _, c := range commits {
			if c != nil && c.IsCommitted(path) {
				return true
			}
		}
		return false
	}
	failed := map[string]error{}
	for _, c := range commits {
		if c == nil {
			continue
		}
		for _, f := range c.Failed {
			failed[f.Path] = f.Err
		}
	}
	for _, p := range pl.files {
		switch {
		case p.err != nil:
			res.Failed = append(res.Failed, FileError{Path: p.s.Path, Err: p.err})
		case p.staged == nil:
		case committed(p.staged.Path()):
			res.Rekeyed++
		default:
			err := failed[p.staged.Path()]
			if err == nil {
				err = errors.New("not committed")
			}
			res.Failed = append(res.Failed, FileError{Path: p.s.Path, Err: err})
		}
	}
	res.LockWritten = committed(pl.Inventory.lockPath)
	return &res
}

// selectPaths returns the declared secrets named by paths (all declared
// secrets when paths is empty), and the paths it took. A path this rules
// file does not declare is an error, unless othersMayDeclare.
func (inv *Inventory) selectPaths(paths []string, othersMayDeclare bool) ([]*Secret, []string, error) {
	if len(paths) == 0 {
		var out []*Secret
		for _, s := range inv.Secrets {
			if s.Declared {
				out = append(out, s)
			}
		}
		return out, nil, nil
	}
	var out []*Secret
	var claimed []string
	seen := map[*Secret]bool{}
	for _, p := range paths {
		s, err := inv.declaredAt(p)
		var nd *NotDeclaredError
		if othersMayDeclare && errors.As(err, &nd) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if !s.Exists {
			return nil, nil, inputErr(fmt.Errorf("%s is declared in %s but does not exist: nothing to rekey (create it with nfrekey edit)", p, inv.RulesFile))
		}
		claimed = append(claimed, p)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, claimed, nil
}

// open unwraps the file key of a planned file, proves its payload decrypts
// (before any temp file is created: a corrupt file changes nothing, not
// even its directory) and prepares its recipients.
func (inv *Inventory) open(ctx context.Context, p *planned, ids []age.Identity) error {
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
	if p.verified, err = verifyOnDisk(ctx, s.File, s.info, key); err != nil {
		return err
	}
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

// stage writes the new content of the planned file into a temp file of
// tx beside it, recording the staged write and its lock entry; or records
// in p.err why it could not, with no temp file left. It holds a token of
// cpu while it computes and writes the content, not while it waits for the
// disk to make it durable. failStage, when set (tests), injects an I/O
// failure once the content is written.
func (p *planned) stage(ctx context.Context, tx *txn.Tx, cpu chan struct{}, failStage func(string) error) {
	src, err := tx.Open(p.s.File)
	if err != nil {
		p.err = err
		return
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		p.err = err
		return
	}
	// Saved by someone else since the audit read its header (and Open
	// unwrapped its key): that file fails alone, left as they made it.
	if !sameState(st, p.s.info) {
		p.err = txn.ErrChanged
		return
	}
	var sum string
	exp := &txn.Source{Info: st}
	p.staged, err = tx.Stage(txn.Write{
		Path:   p.s.File,
		Phase:  txn.PhaseSecrets,
		Expect: exp,
		Write: func(tmp *os.File) error {
			cpu <- struct{}{}
			// The contract keeps a file's armor; a rule disagreeing with it
			// is an armor-mismatch finding, not a reason to rewrite.
			var err error
			sum, exp.SHA256, err = writeAge(ctx, tmp, src, p.fileKey, p.recips, p.pf.Fresh, p.s.header.Armored, p.verified)
			<-cpu
			if err != nil {
				p.content = !errors.Is(err, txn.ErrChanged) && isContentError(ctx, err)
				return err
			}
			if failStage != nil {
				return failStage(p.s.File)
			}
			return nil
		},
	})
	if err != nil {
		p.err = err
		return
	}
	e := &lockEntry{SHA256: sum}
	for _, d := range p.s.Recipients {
		e.Recipients = append(e.Recipients, d.Recipient.String())
	}
	sort.Strings(e.Recipients)
	p.entry = e
}

// sameState reports whether a and b describe the same, unmodified file.
func sameState(a, b os.FileInfo) bool {
	return b != nil && os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
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
	for _, e := range []error{agefile.ErrTruncated, agefile.ErrPayloadShape, agefile.ErrMalformed, agefile.ErrCorruptPayload,
		agefile.ErrBadHeaderMAC, agefile.ErrNotAge, io.ErrUnexpectedEOF} {
		if errors.Is(err, e) {
			return true
		}
	}
	var pe *fs.PathError
	var errno syscall.Errno
	return !errors.As(err, &pe) && !errors.As(err, &errno)
}

// lockContent is the lock file recording the files written, without the
// entries of files that no longer exist or are no longer declared
// (nfrekey vouches only for declared secrets), and whether that differs
// from the lock file read. Secrets whose lock key would leave the rules
// file's directory get no entry.
func (inv *Inventory) lockContent(done map[string]*lockEntry) ([]byte, bool) {
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
	return lf.changed(inv.lockData)
}

// ageRecipient returns r's age.Recipient, built once per run: building an
// ssh-ed25519 one costs a point decoding and a scalar multiplication (the
// pre-tweak), and the same few recipients serve every planned file.
func (inv *Inventory) ageRecipient(r recipients.Recipient) (age.Recipient, error) {
	if ar, ok := inv.ageRecips.Load(r.ID()); ok {
		return ar.(age.Recipient), nil
	}
	var ar age.Recipient
	var err error
	if r.Kind == recipients.AgePlugin {
		// Encrypted to as written: age-plugin-NAME, found on PATH, wraps
		// the file key (age1yubikey1... needs no YubiKey for that).
		ui := inv.pluginUI
		if ui == nil {
			ui = &plugin.ClientUI{}
		}
		ar, err = plugin.NewRecipient(r.String(), ui)
	} else {
		ar, err = r.AgeRecipient()
	}
	if err != nil {
		return nil, err
	}
	inv.ageRecips.Store(r.ID(), ar)
	return ar, nil
}

// StageFailures are the planned files Stage could not stage for an I/O
// reason (left out of the commit). A rekey commits the others; a host
// removal must not: a file left out would stay readable by the host the
// rules no longer name.
func (pl *Plan) StageFailures() []FileError {
	var out []FileError
	for _, p := range pl.files {
		if p.err != nil {
			out = append(out, FileError{Path: p.s.Path, Err: p.err})
		}
	}
	return out
}
