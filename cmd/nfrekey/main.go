// Command nfrekey keeps a NixOS fleet's agenix and sops secrets encrypted to
// exactly the machines its rules declare. This package only turns flags into
// options, calls one library function and renders the result; the work lives
// in recipients, secretsnix and reencrypt.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Ctrl-C or SIGTERM cancels the run: a rekey then removes its temp files
	// and leaves every secret as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal the default handling comes back, so a second
	// Ctrl-C kills a run stuck where it does not watch the context.
	context.AfterFunc(ctx, stop)
	code := run(ctx, newStdIO(), os.Args[1:])
	stop()
	os.Exit(code)
}
