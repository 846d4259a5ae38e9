// Command nfrekey keeps a NixOS fleet's agenix and sops secrets encrypted to
// exactly the machines its rules declare. This package only turns flags into
// options, calls one library function and renders the result; the work lives
// in recipients, secretsnix and reencrypt.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// A closed stdout (nfrekey rekey | head -1) must not kill the run in
	// the middle of its renames: writes then fail with EPIPE instead,
	// recorded and reported once the run is over.
	signal.Ignore(syscall.SIGPIPE)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	io := newStdIO()
	out, errw := &recordingWriter{w: io.Out}, &recordingWriter{w: io.Err}
	io.Out, io.Err = out, errw
	io.Interrupts = &interrupts{cancel: cancel, exit: os.Exit}
	go io.Interrupts.watch(sigs, errw)
	code := run(ctx, io, os.Args[1:])
	signal.Stop(sigs)
	if err := out.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "nfrekey: writing the output: %v\n", err)
	}
	os.Exit(code)
}
