package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IO is where a command reads and writes, injected so that commands run in
// tests without a terminal.
type IO struct {
	In        io.Reader
	Out       io.Writer
	Err       io.Writer
	StdinTTY  bool
	StdoutTTY bool // colour the plan (unless NO_COLOR, --no-color); decrypt refuses binary to a terminal
	StderrTTY bool
	// Getenv reads the environment (NO_COLOR, CLICOLOR_FORCE); nil: empty.
	Getenv func(string) string
	// Interrupts, when set (main), tells a mutating command that a signal
	// arrived, and learns from it when the commit starts.
	Interrupts *interrupts
}

func newStdIO() *IO { return fileIO(os.Stdin, os.Stdout, os.Stderr, os.Getenv) }

// fileIO is the IO of three open files, each checked for a terminal (a
// pty in tests).
func fileIO(in, out, errf *os.File, getenv func(string) string) *IO {
	return &IO{
		In:        in,
		Out:       out,
		Err:       errf,
		StdinTTY:  term.IsTerminal(int(in.Fd())),
		StdoutTTY: term.IsTerminal(int(out.Fd())),
		StderrTTY: term.IsTerminal(int(errf.Fd())),
		Getenv:    getenv,
	}
}
