// Package agenix is the .age backend: the inventory of a repo's agenix
// secrets with each file's declared and actual recipients (Audit, from
// headers and .nfrekey.lock), and the rekey as the steps of a transaction
// (NewPlan, Plan.Open, Plan.Stage into a txn.Tx, Plan.StageLock): header-
// only rewrap for additions, full re-encryption under a fresh file key for
// removals. It never takes the repo lock nor renames a file itself.
//
// Errors that are the user's input (a rules file, a key, an undecryptable
// file) are *InputError; nothing on disk has changed when one is returned.
package agenix

import (
	"errors"
	"runtime"
	"sync"
)

// InputError is bad input: the caller should exit 2. Nothing was written.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// IsInput reports whether err is (or wraps) an *InputError.
func IsInput(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

func inputErr(err error) error { return &InputError{Err: err} }

// workers is the number of CPU-bound workers for the Jobs option jobs
// (0: NumCPU).
func workers(jobs int) int {
	if jobs <= 0 {
		return runtime.NumCPU()
	}
	return jobs
}

// ioWorkers is the number of workers for work that mostly waits on the
// disk (fsync): more than the CPU-bound ones, so that waits overlap. With
// Jobs 1 it stays 1 (one file at a time, as asked).
func ioWorkers(jobs int) int {
	if jobs == 1 {
		return 1
	}
	return max(4*workers(jobs), 16)
}

// forEach runs fn(i) for i in [0,n) on up to jobs goroutines (0: NumCPU).
func forEach(jobs, n int, fn func(i int)) {
	jobs = workers(jobs)
	if jobs > n {
		jobs = n
	}
	if jobs <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
