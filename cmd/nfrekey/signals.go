package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
)

const exitInterrupted = 130 // SIGINT/SIGTERM (the contract's exit codes)

// exitLostOutput is the exit of a run that succeeded but could not write
// its stdout (closed pipe, full disk): see reportLostOutput.
const exitLostOutput = 1

// interrupts is what SIGINT and SIGTERM do to a run. The first cancels its
// context: before the commit the run stops and writes nothing; once the
// renames have started (commitStarted) they are finished first. A second
// signal before the commit stops the process at once (a run stuck where it
// does not watch its context), leaving at most temp files, which the next
// run removes; during the commit it is ignored, so two signals never make
// a half-commit.
type interrupts struct {
	cancel     context.CancelFunc
	exit       func(code int) // os.Exit, or a test's
	committing atomic.Bool
	count      atomic.Int32
	onCommit   func() // tests: signals arriving as the renames start
}

// commitStarted marks the first rename of the run.
func (in *interrupts) commitStarted() {
	if in != nil {
		in.committing.Store(true)
		if in.onCommit != nil {
			in.onCommit()
		}
	}
}

// interrupted reports whether a signal arrived.
func (in *interrupts) interrupted() bool { return in != nil && in.count.Load() > 0 }

// watch handles the signals from sigs until it is closed.
func (in *interrupts) watch(sigs <-chan os.Signal, stderr io.Writer) {
	for range sigs {
		switch n := in.count.Add(1); {
		case n == 1:
			in.cancel()
		case !in.committing.Load():
			fmt.Fprintln(stderr, "nfrekey: interrupted again: stopped before renaming anything")
			in.exit(exitInterrupted)
		}
	}
}

// interruptedError is the exit of a run a signal stopped. Before the
// commit nothing was written; during it the renames were finished.
func interruptedError(in *interrupts, err error) error {
	if in.committing.Load() {
		return &exitError{code: exitInterrupted, err: errors.New("interrupted during the commit: the renames were finished first")}
	}
	if err == nil {
		err = errors.New("interrupted")
	}
	return &exitError{code: exitInterrupted, err: fmt.Errorf("interrupted: nothing was written (%v)", err)}
}

// recordingWriter keeps the first write error instead of letting it stop
// anything: with SIGPIPE ignored, `nfrekey rekey | head -1` must still
// finish its commit; the error is reported once the run is over.
type recordingWriter struct {
	w   io.Writer
	mu  sync.Mutex
	err error
}

func (r *recordingWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
	return n, err
}

func (r *recordingWriter) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}
