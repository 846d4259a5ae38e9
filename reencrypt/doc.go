// Package reencrypt is the operations on a repo that cmd/nfrekey calls,
// across backends: Audit, Rekey, AddHost and RemoveHost; each mutating one
// is one transaction (internal/txn) that it begins, drives the backends
// through (reencrypt/agenix for .age files, reencrypt/sopsfile for sops
// files, judged against sopsyaml's reading of .sops.yaml) and commits, in
// the order rules (secrets.nix, .sops.yaml), secrets, lock file. It knows
// no CLI flags and no terminal: callers pass options and callbacks and
// render the results.
//
// Errors that are the user's input (a rules file, a key, an undecryptable
// file, the repo lock held) are *InputError; nothing on disk has changed
// when one is returned.
package reencrypt
