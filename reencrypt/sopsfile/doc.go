// Package sopsfile is nfrekey's sops backend: it reads the recipients of a
// sops-encrypted file (YAML, JSON, dotenv, INI or binary) from its
// metadata, and rewrites the file for new key groups, either rewrapping
// the existing data key (sops updatekeys) or re-encrypting every value
// under a fresh one (sops rotate), returning the new bytes.
//
// It is the only package of nfrekey that imports github.com/getsops/sops/v3,
// whose packages bring cloud SDKs and init side effects with them; keeping
// them here keeps them out of everything that does not touch sops files.
//
// It rebuilds updatekeys and rotate from the library's pieces instead of
// calling them, because sops' own versions print, prompt on stdin and write
// in place (updatekeys) or live in package main (rotate). Identities reach
// sops through this package's key service, which answers with the
// []age.Identity it is given: sops' local key service reads identities only
// from the environment.
//
// Plaintext values exist only in memory, in the sops tree being checked or
// re-encrypted; nothing is written anywhere.
//
// What sops itself still does at run time through this package, and cannot
// be switched off from outside: its audit package reads
// /etc/sops/audit.yaml in an init function (and, when it names PostgreSQL
// backends, reports every encryption and decryption there); and its
// loggers print warnings to stderr, which only a file written by an old
// sops (unencrypted comments) triggers.
package sopsfile
