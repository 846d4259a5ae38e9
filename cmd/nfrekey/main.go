// Command nfrekey keeps a NixOS fleet's agenix and sops secrets encrypted to
// exactly the machines its rules declare. This package only turns flags into
// options, calls one library function and renders the result; the work lives
// in recipients, secretsnix and reencrypt.
package main

import (
	"context"
	"fmt"
	"io"
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
	sio := newStdIO()
	out, errw := &recordingWriter{w: sio.Out}, &recordingWriter{w: sio.Err}
	sio.Out, sio.Err = out, errw
	sio.Interrupts = &interrupts{cancel: cancel, exit: os.Exit}
	go sio.Interrupts.watch(sigs, errw)
	code := run(ctx, sio, os.Args[1:])
	signal.Stop(sigs)
	os.Exit(reportLostOutput(code, out.Err(), os.Stderr))
}

// reportLostOutput is the exit code of a run whose stdout may have failed
// (outErr): the error goes to stderr, and a run that would exit 0 exits 1
// instead, since what it did on disk is done but its report was lost (a
// script reading `nfrekey rekey | head -1` must not take it for a whole
// report). Other codes say more than the lost output and are kept.
func reportLostOutput(code int, outErr error, stderr io.Writer) int {
	if outErr == nil {
		return code
	}
	fmt.Fprintf(stderr, "nfrekey: writing the output: %v\n", outErr)
	if code == 0 {
		return exitLostOutput
	}
	return code
}
