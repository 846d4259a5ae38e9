// Command nfrekey keeps a NixOS fleet's agenix and sops secrets encrypted to
// exactly the machines its rules declare. This package only turns flags into
// options, calls one library function and renders the result; the work lives
// in recipients, secretsnix and reencrypt.
package main

import "os"

func main() {
	os.Exit(run(newStdIO(), os.Args[1:]))
}
