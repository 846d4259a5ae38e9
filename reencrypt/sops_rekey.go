package reencrypt

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"
)

// sopsPlan is the sops half of a rekey: the same steps as agenix.Plan
// (plan, open, stage into the run's txn.Tx, result after the commit).
// Opening a sops file is computing its new bytes: Rewrap and Rotate
// decrypt and verify it in memory and return the rewritten file, so
// every planned file is fully rewritten before anything is staged.
type sopsPlan struct {
	inv       *sopsInventory
	files     []*Secret
	planned   []PlannedFile
	invalid   []FileError
	unchanged int
	jobs      int
	out       [][]byte
	failed    []FileError // staging I/O failures
}

// sopsSelection splits the paths of a rekey into those naming sops files
// of inv (absolute File paths) and the rest, for the age backend.
func sopsSelection(inv *sopsInventory, paths []string) (sops map[string]bool, rest []string, err error) {
	byFile := map[string]bool{}
	for _, s := range inv.secrets {
		byFile[s.File] = true
	}
	sops = map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, nil, inputErr(err)
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		if byFile[abs] {
			sops[abs] = true
		} else {
			rest = append(rest, p)
		}
	}
	return sops, rest, nil
}

// newSopsPlan plans the stale sops files (all declared ones with force),
// or only those selected when selected is non-nil. fresh files (a
// recipient removed, rotate or force) get a new data key.
func newSopsPlan(inv *sopsInventory, selected map[string]bool, force, rotate bool, jobs int) *sopsPlan {
	sp := &sopsPlan{inv: inv, jobs: jobs}
	for _, s := range inv.secrets {
		if selected != nil && !selected[s.File] {
			continue
		}
		switch {
		case s.Status == StatusInvalid:
			sp.invalid = append(sp.invalid, FileError{Path: s.Path, Err: s.Err})
			continue
		case s.Status == StatusUndeclared:
			if selected != nil {
				sp.invalid = append(sp.invalid, FileError{Path: s.Path, Err: s.Err})
			}
			continue
		case s.Status == StatusOK && !force:
			sp.unchanged++
			continue
		}
		sp.files = append(sp.files, s)
		sp.planned = append(sp.planned, PlannedFile{Path: s.Path, Add: slices.Clone(s.Add), Remove: slices.Clone(s.Remove),
			Fresh: s.sops.removes || rotate || force})
	}
	return sp
}

// refused is the error of a plan that selected invalid or ungoverned
// files: nothing may be written.
func (sp *sopsPlan) refused() error {
	if sp == nil || len(sp.invalid) == 0 {
		return nil
	}
	return inputErr(&OpenError{Files: sp.invalid, Planned: len(sp.files) + len(sp.invalid)})
}

// open rewrites every planned file in memory with ids. One that cannot be
// opened (no identity, tampered MAC) is an *InputError wrapping
// *OpenError naming each.
func (sp *sopsPlan) open(ctx context.Context, ids *identity.Set) error {
	if sp == nil || len(sp.files) == 0 {
		return nil
	}
	list := ids.Age()
	sp.out = make([][]byte, len(sp.files))
	errs := make([]error, len(sp.files))
	sp.each(sp.jobs, func(i int) {
		if err := ctx.Err(); err != nil {
			errs[i] = err
			return
		}
		s, pf := sp.files[i], sp.planned[i]
		ss := s.sops
		if pf.Fresh {
			sp.out[i], errs[i] = ss.file.Rotate(ctx, list, ss.want, ss.threshold, ss.store)
		} else {
			sp.out[i], errs[i] = ss.file.Rewrap(ctx, list, ss.want, ss.threshold, ss.store)
		}
	})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted before writing anything: %w", err)
	}
	var bad []FileError
	for i, err := range errs {
		if err != nil {
			bad = append(bad, FileError{Path: sp.files[i].Path, Err: err})
		}
	}
	if len(bad) > 0 {
		return inputErr(&OpenError{Files: bad, Planned: len(sp.files), Identities: ids.Summary()})
	}
	return nil
}

// stage writes every rewritten file into a temp of tx (phase secrets),
// guarded: the commit will not rename over a file changed since it was
// read. A file failing for an I/O reason is left out and reported. Temps
// are written in parallel: each waits on its own fsync.
func (sp *sopsPlan) stage(tx *txn.Tx) {
	if sp == nil || len(sp.files) == 0 {
		return
	}
	errs := make([]error, len(sp.files))
	sp.each(max(16, 4*sp.jobs), func(i int) {
		s := sp.files[i]
		_, errs[i] = tx.Stage(txn.Write{Path: s.File, Phase: txn.PhaseSecrets, Data: sp.out[i],
			Expect: &txn.Source{Info: s.sops.info, SHA256: s.sops.sum}})
	})
	for i, err := range errs {
		if err != nil {
			sp.failed = append(sp.failed, FileError{Path: sp.files[i].Path, Err: err})
		}
	}
}

// each runs f for every planned file on up to jobs goroutines.
func (sp *sopsPlan) each(jobs int, f func(i int)) {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(jobs, len(sp.files)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range sp.files {
		next <- i
	}
	close(next)
	wg.Wait()
}

// result is what the run did to the sops files, given the secrets'
// commit (nil: nothing was committed).
func (sp *sopsPlan) result(secrets *txn.Result) *RekeyResult {
	res := &RekeyResult{}
	if sp == nil {
		return res
	}
	res.Plan, res.Unchanged = slices.Clone(sp.planned), sp.unchanged
	if secrets == nil {
		return res
	}
	res.Failed = append(res.Failed, sp.failed...)
	for _, s := range sp.files {
		if secrets.IsCommitted(s.File) {
			res.Rekeyed++
			continue
		}
		for _, f := range secrets.Failed {
			if f.Path == s.File {
				res.Failed = append(res.Failed, FileError{Path: s.Path, Err: f.Err})
			}
		}
	}
	return res
}

func (sp *sopsPlan) errs(res *RekeyResult) error {
	var errs []error
	for i := range res.Failed {
		errs = append(errs, &res.Failed[i])
	}
	return errors.Join(errs...)
}
