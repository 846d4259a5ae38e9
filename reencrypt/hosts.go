package reencrypt

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/textedit"
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/reencrypt/agenix"
	"github.com/nfrekey/nfrekey/secretsnix"
	"github.com/nfrekey/nfrekey/secretsnix/nixedit"
)

// AddHostOptions say which host joins which secrets.
type AddHostOptions struct {
	RepoRoot   string
	RulesFiles []string // the agenix rules files (absolute)
	Name       string
	// Key is the host's key; ignored when GenerateIn is set.
	Key recipients.Recipient
	// GenerateIn, when set, makes a new host key pair and stages it as
	// GenerateIn/etc/ssh/ssh_host_ed25519_key{,.pub} (nixos-anywhere
	// --extra-files), committed with the rules: an aborted run leaves none.
	GenerateIn string
	Groups     []string // lists NAME joins
	Secrets    []string // globs of secrets NAME joins
	Replace    bool     // NAME bound to another key: swap it (old key removed, fresh file keys)
	SopsSSH    bool     // .sops.yaml gets the ssh form rather than age1
	SopsConfig string   // --sops-config: the only .sops.yaml edited; "": every one of the repo
	NoRekey    bool     // edit the rules only
	DryRun     bool     // compute the edit and the plan; write nothing
	Jobs       int
	Identities *identity.Set
	Progress   func(Event)

	// beforeCommit (package tests only) runs once everything is staged,
	// just before the first rename: another program's save lands there.
	beforeCommit func()
}

// RemoveHostOptions say which host goes.
type RemoveHostOptions struct {
	RepoRoot   string
	RulesFiles []string
	SopsConfig string
	Name       string
	NoRekey    bool
	DryRun     bool
	Jobs       int
	Identities *identity.Set
	Progress   func(Event)

	// beforeCommit: see AddHostOptions.
	beforeCommit func()
}

// FileEdit is one rules-side file a host change writes.
type FileEdit struct {
	Path    string // relative to the repo root
	Created bool
	Deleted bool
	Diff    string // unified diff, old to new
}

// HostResult is what add-host or remove-host did (or, dry, would do).
type HostResult struct {
	Name      string
	Key       recipients.Recipient // the key added (add-host), or removed (remove-host, when parseable)
	OldKey    string               // the key --replace swapped out, or remove-host removed
	Unchanged bool                 // nothing to do: the rules already say so
	Edits     []FileEdit
	// Affected are the secrets (relative to the repo root) whose declared
	// recipients change; Missing those of them with no file yet.
	Affected []string
	Missing  []string
	// HostKeyPath is the private key written for --generate.
	HostKeyPath string
	// Rekey is the rekey of the affected secrets (nil with NoRekey).
	Rekey *RekeyResult
	// Committed reports whether the rules edits were written.
	Committed bool
	// TempsRemoved, Finished and Abandoned: what the run cleaned up
	// after killed runs first (see RekeyResult).
	TempsRemoved        int
	Finished, Abandoned []string
}

// HostGroup is a list a host can join (for choosing --group).
type HostGroup = nixedit.Group

// HostGroups lists the groups of keys the rules files define.
func HostGroups(repoRoot string, rulesFiles []string) ([]HostGroup, error) {
	var out []HostGroup
	for _, rf := range rulesFiles {
		gs, err := nixedit.Groups(rf, secretsnix.Options{Root: repoRoot})
		if err != nil {
			return nil, inputErr(err)
		}
		out = append(out, gs...)
	}
	return out, nil
}

// AddHost binds NAME to its key in the rules, grants it what is asked,
// and rekeys exactly the secrets it may now read, as one transaction in
// the order of ARCHITECTURE.md: the lock is taken; every edit is computed
// and verified in memory; the backends plan against the NEW rules; every
// planned file is opened and staged; only then are the rules files (and a
// generated host key) renamed into place, then the secrets, then the lock
// file. After a crash at any point a plain rekey converges.
func AddHost(ctx context.Context, opts AddHostOptions) (*HostResult, error) {
	if opts.Replace && len(opts.Groups) == 0 && len(opts.Secrets) == 0 {
		// --replace alone swaps NAME's key where it is bound, granting
		// nothing new (a reinstalled host): NAME must be bound somewhere.
		bound := ageHasHost(opts.RepoRoot, opts.RulesFiles, opts.Name)
		if !bound {
			si, paths, err := sopsConfigs(ctx, opts.RepoRoot, opts.SopsConfig)
			if err != nil {
				return nil, err
			}
			bound = sopsAnchorsHost(si, paths, opts.Name)
		}
		if !bound {
			return nil, inputErr(fmt.Errorf("%s is bound nowhere: --replace alone has no key to swap; give --group G or --secret GLOB to add it", opts.Name))
		}
	}
	res := &HostResult{Name: opts.Name}
	var hostKey *recipients.HostKey
	if opts.GenerateIn != "" {
		k, err := recipients.NewHostKey()
		if err != nil {
			return nil, err
		}
		hostKey = &k
		opts.Key = k.Recipient
		res.HostKeyPath = recipients.HostKeyPath(opts.GenerateIn)
	}
	res.Key = opts.Key
	// --group and --secret are split between the backends once the
	// configs are read (under the lock): each gets what it has.
	var t hostTargets
	edit := func(rulesFile string, sopts secretsnix.Options, ask hostAsk) (*nixedit.Result, error) {
		return nixedit.Add(nixedit.AddRequest{RulesFile: rulesFile, Options: sopts, Name: opts.Name,
			Key: opts.Key.String(), Groups: ask.groups, Secrets: ask.secrets, Replace: opts.Replace})
	}
	pick := func(root string, rulesFiles []string) ([]string, []hostAsk, error) {
		return pickForAdd(root, rulesFiles, opts.Name, opts.Key.String(), opts.Replace, hostAsk{groups: t.ageGroups, secrets: t.ageSecrets})
	}
	sops := func(si *sopsInventory, paths []string) ([]sopsHostEdit, []string, bool, error) {
		var ageGroups []string
		if len(opts.RulesFiles) > 0 && len(opts.Groups) > 0 {
			gs, err := HostGroups(opts.RepoRoot, opts.RulesFiles)
			if err != nil {
				return nil, nil, false, err
			}
			for _, g := range gs {
				ageGroups = append(ageGroups, g.Name)
			}
		}
		var files []string
		if len(paths) > 0 && len(opts.Secrets) > 0 {
			inv, err := auditSops(ctx, opts.RepoRoot, opts.SopsConfig)
			if err != nil {
				return nil, nil, false, err
			}
			for _, s := range inv.secrets {
				files = append(files, s.Path)
			}
		}
		var err error
		if t, err = splitTargets(si, paths, files, len(opts.RulesFiles) > 0, ageGroups, opts.Groups, opts.Secrets); err != nil {
			return nil, nil, false, err
		}
		// --replace rebinds NAME wherever it is bound, whichever backend
		// the --group or --secret went to: a reinstalled host keeping its
		// old key in one backend would fail to decrypt there, unseen by
		// audit (the rules and the files would agree on the old key).
		skipAge := len(t.ageGroups) == 0 && len(t.ageSecrets) == 0 && len(paths) > 0 &&
			!(opts.Replace && ageHasHost(opts.RepoRoot, opts.RulesFiles, opts.Name))
		if len(t.sopsGroups) == 0 && len(t.sopsSecrets) == 0 && !(opts.Replace && sopsAnchorsHost(si, paths, opts.Name)) {
			return nil, nil, skipAge, nil
		}
		rec, err := sopsRecipient(opts.Key, opts.SopsSSH)
		if err != nil {
			return nil, nil, false, inputErr(fmt.Errorf("host %s: %w", opts.Name, err))
		}
		var removed []string
		if opts.Replace {
			for _, p := range paths {
				removed = append(removed, si.configs[p].HostKeys(opts.Name)...)
			}
		}
		edits, err := sopsAddEdits(si, paths, t, opts.Name, rec, opts.Replace)
		return edits, removed, skipAge, err
	}
	return runHostChange(ctx, hostRun{
		root: opts.RepoRoot, rulesFiles: opts.RulesFiles, jobs: opts.Jobs, ids: opts.Identities,
		progress: opts.Progress, dryRun: opts.DryRun, noRekey: opts.NoRekey, edit: edit, pick: pick,
		beforeCommit: opts.beforeCommit, key: opts.Key.String(),
		sopsConfig: opts.SopsConfig, sops: sops, name: opts.Name,
		stageExtra: func(tx *txn.Tx) ([]creation, error) {
			if hostKey == nil {
				return nil, nil
			}
			if err := StageHostKey(tx, opts.GenerateIn, *hostKey); err != nil {
				return nil, err
			}
			p := recipients.HostKeyPath(opts.GenerateIn)
			return []creation{{p, hostKey.Private}, {p + ".pub", hostKey.Public}}, nil
		},
	}, res)
}

// RemoveHost removes NAME's binding and every reference to it, and
// re-encrypts the secrets it could read under fresh file keys (the same
// transaction as AddHost). The caller should advise rotating their
// values: git history keeps the old ciphertexts.
func RemoveHost(ctx context.Context, opts RemoveHostOptions) (*HostResult, error) {
	res := &HostResult{Name: opts.Name}
	edit := func(rulesFile string, sopts secretsnix.Options, _ hostAsk) (*nixedit.Result, error) {
		return nixedit.Remove(nixedit.RemoveRequest{RulesFile: rulesFile, Options: sopts, Name: opts.Name})
	}
	pick := func(root string, rulesFiles []string) ([]string, []hostAsk, error) {
		return pickForRemove(root, rulesFiles, opts.Name)
	}
	sops := func(si *sopsInventory, paths []string) ([]sopsHostEdit, []string, bool, error) {
		edits, keys, err := sopsRemoveEdits(si, paths, opts.Name)
		if err != nil {
			return nil, nil, false, err
		}
		if len(keys) == 0 && len(opts.RulesFiles) == 0 {
			return nil, nil, false, inputErr(fmt.Errorf("no host %s in %s", opts.Name, orNone(relAll(si.root, paths))))
		}
		// A host only sops knows is not an error of secrets.nix.
		skipAge := len(keys) > 0 && !ageHasHost(opts.RepoRoot, opts.RulesFiles, opts.Name)
		return edits, keys, skipAge, nil
	}
	out, err := runHostChange(ctx, hostRun{
		root: opts.RepoRoot, rulesFiles: opts.RulesFiles, jobs: opts.Jobs, ids: opts.Identities,
		progress: opts.Progress, dryRun: opts.DryRun, noRekey: opts.NoRekey, edit: edit, pick: pick,
		sopsConfig: opts.SopsConfig, sops: sops, name: opts.Name, remove: true,
		beforeCommit: opts.beforeCommit,
	}, res)
	if out != nil && out.OldKey != "" {
		if k, perr := recipients.Parse(out.OldKey); perr == nil {
			out.Key = k
		}
	}
	return out, err
}

// hostRun is what AddHost and RemoveHost share: one transaction around
// an edit of every rules file.
type hostRun struct {
	root       string
	rulesFiles []string
	jobs       int
	ids        *identity.Set
	progress   func(Event)
	dryRun     bool
	noRekey    bool
	key        string // the key add-host grants ("" for remove-host)
	edit       func(rulesFile string, opts secretsnix.Options, ask hostAsk) (*nixedit.Result, error)
	// pick chooses, among several rules files, the ones the change edits
	// and what each is asked.
	pick       func(root string, rulesFiles []string) ([]string, []hostAsk, error)
	stageExtra func(*txn.Tx) ([]creation, error) // files to create besides the edits
	// beforeCommit: see AddHostOptions.
	beforeCommit func()
	// sops computes the .sops.yaml edits from the repo's configs, the
	// keys the host stood for before (to name them in the plan), and
	// whether the age rules are to be left alone (nothing asked of them).
	sops       func(si *sopsInventory, paths []string) (edits []sopsHostEdit, removedKeys []string, skipAge bool, err error)
	sopsConfig string
	name       string
	remove     bool
}

type editedRules struct {
	file   string
	result *nixedit.Result
}

func runHostChange(ctx context.Context, run hostRun, res *HostResult) (*HostResult, error) {
	var tx *txn.Tx
	if !run.dryRun {
		var err error
		var sw sweep
		if tx, sw, err = begin(ctx, run.root, run.jobs); err != nil {
			return nil, err
		}
		defer tx.Close()
		res.TempsRemoved, res.Finished, res.Abandoned = sw.temps, sw.finished, sw.abandoned
	}
	// 1-3: read, edit and verify every rules file in memory: the
	// .sops.yaml files (sopsyaml verifies each edit against sops' own
	// reading), then the agenix rules, each evaluated over the overlay of
	// the ones before it.
	si, sopsPaths, err := sopsConfigs(ctx, run.root, run.sopsConfig)
	if err != nil {
		return nil, err
	}
	if len(run.rulesFiles) == 0 && len(sopsPaths) == 0 {
		return nil, inputErr(errors.New("no agenix rules file (secrets.nix) and no .sops.yaml found: nothing to edit"))
	}
	var sopsEdits []sopsHostEdit
	var removedKeys []string
	skipAge := len(run.rulesFiles) == 0
	if run.sops != nil {
		var skip bool
		if sopsEdits, removedKeys, skip, err = run.sops(si, sopsPaths); err != nil {
			return nil, err
		}
		skipAge = skipAge || skip
	}
	overlay := map[string][]byte{}
	var edited []editedRules
	ageFiles := run.rulesFiles
	if skipAge {
		ageFiles = nil
	}
	var asks []hostAsk
	if ageFiles, asks, err = run.pick(run.root, ageFiles); err != nil {
		return nil, err
	}
	for i, rf := range ageFiles {
		ov := overlay
		if run.remove {
			// Each removal is computed over the files as they are: the
			// first one's would take the binding (or the .pub) of a shared
			// keys file from under the second. mergeRulesEdits joins them.
			ov = nil
		}
		r, err := run.edit(rf, secretsnix.Options{Root: run.root, Overlay: ov}, asks[i])
		if err != nil {
			if len(sopsPaths) > 0 && strings.Contains(err.Error(), "no group") {
				err = fmt.Errorf("%w; .sops.yaml groups: %s", err, orNone(sopsGroupNames(si, sopsPaths)))
			}
			return nil, inputErr(err)
		}
		overlay = nixedit.Overlay(secretsnix.Options{Overlay: overlay}, r.Edits)
		edited = append(edited, editedRules{file: rf, result: r})
		if r.OldKey != "" {
			res.OldKey = r.OldKey
		}
	}
	merged, err := mergeRulesEdits(run.root, edited)
	if err != nil {
		return nil, err
	}
	if len(run.rulesFiles) > 1 && len(merged) > 0 {
		if err := reloadAfter(run.root, run.rulesFiles, merged, edited); err != nil {
			return nil, err
		}
	}
	res.Unchanged = true
	for _, e := range sopsEdits {
		res.Unchanged = false
		fe := FileEdit{Path: relTo(si.root, e.path)}
		fe.Diff = textedit.Unified(fe.Path, e.old, e.res.New)
		res.Edits = append(res.Edits, fe)
		if e.res.OldRecipient != "" && res.OldKey == "" {
			res.OldKey = e.res.OldRecipient
		}
	}
	for _, ed := range merged {
		res.Unchanged = false
		fe := FileEdit{Path: relTo(run.root, ed.Path), Created: ed.Old == nil, Deleted: ed.New == nil}
		fe.Diff = textedit.Unified(fe.Path, ed.Old, ed.New)
		res.Edits = append(res.Edits, fe)
	}
	for _, e := range edited {
		if len(e.result.Edits) == 0 && run.key != "" {
			// The rules say so already (say, after --no-rekey): the secrets
			// that declare the key are still the ones to bring in sync.
			e.result.Affected = declaring(e.result.After, run.key)
		}
		for _, name := range e.result.Affected {
			res.Affected = append(res.Affected, relTo(run.root, filepath.Join(filepath.Dir(e.file), name)))
		}
	}
	var sp *sopsPlan
	if len(sopsEdits) > 0 {
		var affected []string
		if sp, affected, err = sopsAffected(ctx, run.root, run.sopsConfig, sopsEdits, run.jobs, removedKeys, run.name); err != nil {
			return nil, err
		}
		res.Affected = append(res.Affected, affected...)
		if run.remove {
			// A removal re-encrypts under a fresh data key even when the
			// file is otherwise unchanged for the other recipients.
			for i := range sp.planned {
				sp.planned[i].Fresh = true
			}
		}
		if run.noRekey {
			sp = nil
		} else if err := sp.refused(); err != nil {
			return nil, err
		}
	}
	sort.Strings(res.Affected)
	var former []agenix.Declared
	if k, err := recipients.Parse(res.OldKey); err == nil {
		former = append(former, agenix.Declared{Name: res.Name, Recipient: k})
	}

	// 4: plan against the new rules, restricted to the affected secrets.
	var plans []*agenix.Plan
	if !run.noRekey {
		for _, e := range edited {
			var paths []string
			for _, p := range affectedPaths(e) {
				// A declared secret with no file yet has nothing to rekey:
				// it is named for the user to create.
				if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
					res.Missing = append(res.Missing, relTo(run.root, p))
					continue
				}
				paths = append(paths, p)
			}
			if len(paths) == 0 {
				continue
			}
			pl, err := agenix.NewPlan(ctx, agenix.PlanOptions{RepoRoot: run.root, RulesFile: e.file,
				Rules: e.result.After, Paths: paths, Jobs: run.jobs, Former: former})
			if err != nil {
				return nil, err
			}
			if err := pl.Refused(); err != nil {
				return nil, err
			}
			plans = append(plans, pl)
		}
	}
	emit := func(e Event) {
		if run.progress != nil {
			run.progress(e)
		}
	}
	if run.dryRun {
		res.Rekey = mergeResults([]*RekeyResult{joinPlans(plans), sp.result(nil)})
		for _, f := range res.Rekey.Plan {
			emit(Event{Kind: EventPlanned, File: f})
		}
		return res, nil
	}
	if res.Unchanged && plannedCount(plans) == 0 && (sp == nil || len(sp.files) == 0) {
		res.Rekey = mergeResults([]*RekeyResult{joinPlans(plans), sp.result(nil)})
		return res, nil
	}

	// 5-6: open every planned file, then stage everything.
	for _, pl := range plans {
		if err := pl.Open(ctx, run.ids); err != nil {
			return nil, err
		}
	}
	if err := sp.open(ctx, run.ids); err != nil {
		return nil, err
	}
	var creations []creation
	var st stagedRules
	for _, e := range sopsEdits {
		if err := st.stage(tx, nixedit.Edit{Path: e.path, Old: e.old, New: e.res.New}); err != nil {
			return nil, err
		}
	}
	for _, ed := range merged {
		if err := st.stage(tx, ed); err != nil {
			return nil, err
		}
		if ed.Old == nil {
			creations = append(creations, creation{ed.Path, ed.New})
		}
	}
	if run.stageExtra != nil {
		extra, err := run.stageExtra(tx)
		if err != nil {
			return nil, inputErr(fmt.Errorf("%w; nothing was written", err))
		}
		creations = append(creations, extra...)
	}
	var unstaged []FileError
	for _, pl := range plans {
		if err := pl.Stage(ctx, tx); err != nil {
			return nil, err
		}
		unstaged = append(unstaged, pl.StageFailures()...)
	}
	sp.stage(tx)
	if sp != nil {
		unstaged = append(unstaged, sp.failed...)
	}
	if len(unstaged) > 0 {
		// The rules and the secrets go together: rules committed without
		// one of their secrets would say a host lost (or gained) access
		// that the file does not reflect. Nothing is renamed.
		return nil, inputErr(&OpenError{Files: unstaged, Planned: plannedCount(plans)})
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interrupted before writing anything: %w", err)
	}
	for _, pl := range plans {
		for _, f := range pl.Files() {
			emit(Event{Kind: EventPlanned, File: f})
		}
	}
	if sp != nil {
		for _, f := range sp.planned {
			emit(Event{Kind: EventPlanned, File: f})
		}
	}

	if run.beforeCommit != nil {
		run.beforeCommit()
	}

	// 7: files the edit creates (a .pub, the host key), then the rules
	// files, then the files the rules stop reading; then secrets; then
	// each plan's lock file. A rules file someone else saved meanwhile
	// fails its phase, and nothing else may follow (the created files are
	// taken back): secrets rekeyed for an intent that was not written
	// would grant more than the rules say.
	emit(Event{Kind: EventCommitting})
	created := tx.CommitPhase(txn.PhaseCreate)
	if len(created.Failed) > 0 {
		st.discardDeletes(tx)
		return res, errors.Join(created.Err(), undoCreated(tx, created, creations),
			errors.New("the rules were not changed; no secret was rekeyed"))
	}
	first := tx.CommitPhase(txn.PhaseRules)
	if len(first.Failed) > 0 {
		// Close removes the staged secrets' temps. The files the rules
		// stop reading stay (the rules still read them), and the rules
		// files of the phase that were renamed are put back: the edit of
		// several files is one intent, all written or none.
		st.discardDeletes(tx)
		return res, errors.Join(first.Err(), st.undoRules(tx, first), undoCreated(tx, created, creations),
			errors.New("the rules were not changed; no secret was rekeyed"))
	}
	deleted := tx.CommitPhase(txn.PhaseDelete)
	res.Committed = !res.Unchanged
	var errs []error
	errs = append(errs, created.Errs...)
	errs = append(errs, first.Errs...)
	errs = append(errs, deleted.Err())
	secrets := tx.Commit()
	rekey, err := commitAll(tx, plans, sp, secrets)
	errs = append(errs, err)
	res.Rekey = rekey
	for _, f := range res.Rekey.Plan {
		if e := fileErr(res.Rekey, f.Path); e != nil {
			emit(Event{Kind: EventFailed, File: f, Err: e})
		} else {
			emit(Event{Kind: EventWritten, File: f})
		}
	}
	return res, errors.Join(errs...)
}

// creation is a file the run creates, with the bytes it writes: what
// undoCreated checks before taking it back.
type creation struct {
	path string
	data []byte
}

// undoCreated removes the files the create phase committed, each only
// while it still holds the bytes this run wrote, when the rules that
// would read them could not be written: the run then leaves no orphan
// .pub and no host key of a host the rules do not name.
func undoCreated(tx *txn.Tx, created *txn.Result, creations []creation) error {
	var errs []error
	for _, c := range creations {
		if !created.IsCommitted(c.path) {
			continue
		}
		info, err := os.Lstat(c.path)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot take it back: %w", c.path, err))
			continue
		}
		sum := sha256.Sum256(c.data)
		if _, err := tx.Stage(txn.Write{Path: c.path, Phase: txn.PhaseDelete, Remove: true,
			Expect: &txn.Source{Info: info, SHA256: sum[:]}}); err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot take it back: %w", c.path, err))
		}
	}
	if r := tx.CommitPhase(txn.PhaseDelete); len(r.Failed) > 0 {
		errs = append(errs, fmt.Errorf("created files left in place: %w", r.Err()))
	}
	return errors.Join(errs...)
}

// stageRulesEdit stages one verified edit, guarded against a concurrent
// save: the commit refuses to replace a file that is no longer the bytes
// the edit was computed from.
func stageRulesEdit(tx *txn.Tx, ed nixedit.Edit) (*txn.Staged, error) {
	w := txn.Write{Path: ed.Path, Phase: txn.PhaseRules, Data: ed.New, Mode: 0o644}
	switch {
	case ed.New == nil:
		w.Phase = txn.PhaseDelete
		info, err := os.Lstat(ed.Path)
		if err != nil {
			return nil, inputErr(fmt.Errorf("%s: %w", ed.Path, err))
		}
		sum := sha256.Sum256(ed.Old)
		w.Remove, w.Data = true, nil
		w.Expect = &txn.Source{Info: info, SHA256: sum[:]}
	case ed.Old == nil:
		w.Phase, w.Create, w.MakeDirs = txn.PhaseCreate, true, true
	default:
		// A symlinked rules file is edited where it points (inside the
		// repo: the transaction refuses a target outside it).
		real, err := filepath.EvalSymlinks(ed.Path)
		if err != nil {
			return nil, inputErr(fmt.Errorf("%s: %w", ed.Path, err))
		}
		w.Path = real
		info, err := os.Lstat(real)
		if err != nil {
			return nil, inputErr(fmt.Errorf("%s: %w", ed.Path, err))
		}
		cur, err := os.ReadFile(real)
		if err != nil || !bytes.Equal(cur, ed.Old) {
			return nil, inputErr(fmt.Errorf("%s: changed while nfrekey was editing it; nothing was written", ed.Path))
		}
		// Refuse now, before anything is renamed, a file the commit could
		// not replace (immutable, or on a read-only mount): opening it for
		// writing changes neither its bytes nor its mtime.
		if f, err := os.OpenFile(real, os.O_WRONLY, 0); err != nil {
			return nil, inputErr(fmt.Errorf("%s cannot be written (%v); nothing was written", ed.Path, errors.Unwrap(err)))
		} else {
			f.Close()
		}
		sum := sha256.Sum256(ed.Old)
		w.Expect = &txn.Source{Info: info, SHA256: sum[:]}
	}
	staged, err := tx.Stage(w)
	if err != nil {
		// Nothing is renamed before every write is staged.
		return nil, inputErr(fmt.Errorf("%w; nothing was written", err))
	}
	return staged, nil
}

// stagedRules are the rules-side writes of a host change, as staged:
// what a failed commit takes back.
type stagedRules struct {
	deletes  []*txn.Staged // files the rules stop reading (PhaseDelete)
	replaced []replacedRules
}

// replacedRules is a rules file the commit replaces: its staged path
// (symlinks resolved) and the bytes before and after.
type replacedRules struct {
	path     string
	old, new []byte
}

func (st *stagedRules) stage(tx *txn.Tx, ed nixedit.Edit) error {
	staged, err := stageRulesEdit(tx, ed)
	if err != nil {
		return err
	}
	switch {
	case ed.New == nil:
		st.deletes = append(st.deletes, staged)
	case ed.Old != nil:
		st.replaced = append(st.replaced, replacedRules{path: staged.Path(), old: ed.Old, new: ed.New})
	}
	return nil
}

// discardDeletes drops the staged deletions: a run whose rules were not
// written must not delete what they still read.
func (st *stagedRules) discardDeletes(tx *txn.Tx) {
	for _, s := range st.deletes {
		tx.Discard(s)
	}
}

// undoRules puts back the rules files the phase did replace when another
// of them failed, each only while it still holds this run's bytes (a
// save landing meanwhile is kept, and reported).
func (st *stagedRules) undoRules(tx *txn.Tx, phase *txn.Result) error {
	var errs []error
	n := 0
	for _, r := range st.replaced {
		if !phase.IsCommitted(r.path) {
			continue
		}
		info, err := os.Lstat(r.path)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot put it back: %w", r.path, err))
			continue
		}
		sum := sha256.Sum256(r.new)
		if _, err := tx.Stage(txn.Write{Path: r.path, Phase: txn.PhaseRules, Data: r.old,
			Expect: &txn.Source{Info: info, SHA256: sum[:]}}); err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot put it back: %w", r.path, err))
			continue
		}
		n++
	}
	if n > 0 {
		if res := tx.CommitPhase(txn.PhaseRules); len(res.Failed) > 0 || len(res.Errs) > 0 {
			errs = append(errs, fmt.Errorf("rules files left edited: %w", res.Err()))
		}
	}
	return errors.Join(errs...)
}

func affectedPaths(e editedRules) []string {
	var out []string
	for _, name := range e.result.Affected {
		out = append(out, filepath.Join(filepath.Dir(e.file), name))
	}
	return out
}

func plannedCount(plans []*agenix.Plan) int {
	n := 0
	for _, pl := range plans {
		n += len(pl.Files())
	}
	return n
}

// joinPlans is the plan-only result of the age plans: a file one rules
// file does not declare but another does is not undeclared.
func joinPlans(plans []*agenix.Plan) *RekeyResult {
	var rs []*RekeyResult
	for _, pl := range plans {
		rs = append(rs, pl.Result())
	}
	out := mergeResults(rs)
	out.Undeclared = undeclaredOf(out.Undeclared, inventories(plans))
	return out
}

func mergeResults(rs []*RekeyResult) *RekeyResult {
	out := &RekeyResult{}
	for _, r := range rs {
		out.Plan = append(out.Plan, r.Plan...)
		out.Rekeyed += r.Rekeyed
		out.Unchanged += r.Unchanged
		out.Failed = append(out.Failed, r.Failed...)
		out.LockWritten = out.LockWritten || r.LockWritten
		out.Unverified = append(out.Unverified, r.Unverified...)
		out.Missing = append(out.Missing, r.Missing...)
		out.Undeclared = append(out.Undeclared, r.Undeclared...)
	}
	return out
}

func relTo(root, p string) string {
	if rel, err := filepath.Rel(root, p); err == nil {
		return filepath.ToSlash(rel)
	}
	return p
}

// declaring lists the secrets whose publicKeys hold key.
func declaring(rules *secretsnix.Rules, key string) []string {
	var out []string
	if rules == nil {
		return nil
	}
	for _, s := range rules.Secrets {
		for _, k := range s.PublicKeys {
			if r, err := recipients.Parse(k.Text); err == nil && r.String() == key {
				out = append(out, s.Name)
				break
			}
		}
	}
	return out
}

// ageHasHost reports whether NAME is bound in one of the agenix rules
// files (remove-host of a host only .sops.yaml knows leaves them alone).
func ageHasHost(root string, rulesFiles []string, name string) bool {
	for _, rf := range rulesFiles {
		rules, err := secretsnix.LoadRules(rf, secretsnix.Options{Root: root})
		if err != nil {
			return true // let the edit report it
		}
		if names(rules, name) {
			return true
		}
	}
	return false
}

func relAll(root string, paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, relTo(root, p))
	}
	return out
}
