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
	StdoutTTY bool // decrypt refuses binary plaintext to a terminal
	StderrTTY bool
	// Interrupts, when set (main), tells a mutating command that a signal
	// arrived, and learns from it when the commit starts.
	Interrupts *interrupts
}

func newStdIO() *IO {
	return &IO{
		In:        os.Stdin,
		Out:       os.Stdout,
		Err:       os.Stderr,
		StdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		StdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		StderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}
