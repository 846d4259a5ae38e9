package main

import (
	"github.com/nfrekey/nfrekey/internal/identity"

	"fmt"
	"os"
	"sync"

	"golang.org/x/term"

	"github.com/nfrekey/nfrekey/reencrypt"
)

// loadIdentities turns the global -i flags (or, without any, the default
// locations) into the identities of this run. Notes about skipped defaults
// are shown under -v. A passphrase is read from the terminal; without one,
// asking fails with a message saying so.
func loadIdentities(io *IO, g *globalOptions) (*identity.Set, error) {
	ids, err := identity.Load(identity.Options{
		Files:    g.Identities,
		Defaults: len(g.Identities) == 0,
		Note: func(s string) {
			if g.Verbose {
				fmt.Fprintf(io.Err, "nfrekey: %s\n", s)
			}
		},
		Passphrase: passphrasePrompt(io),
		Plugin:     pluginPrompts(io),
	})
	if err != nil {
		return nil, inputError(err)
	}
	return ids, nil
}

func passphrasePrompt(io *IO) func(path string) ([]byte, error) {
	var mu sync.Mutex
	return func(path string) ([]byte, error) {
		f, ok := io.In.(*os.File)
		if !io.StdinTTY || !ok {
			return nil, fmt.Errorf("%s is passphrase-protected and stdin is not a terminal: run on a terminal, or give an unencrypted key with -i", path)
		}
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(io.Err, "Enter passphrase for %s: ", path)
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(io.Err)
		if err != nil {
			return nil, fmt.Errorf("reading the passphrase of %s: %w", path, err)
		}
		return pw, nil
	}
}

// reencryptError maps a reencrypt error to an exit code: input errors 2,
// anything else 1.
func reencryptError(err error) error {
	if err == nil {
		return nil
	}
	if reencrypt.IsInput(err) {
		return inputError(err)
	}
	return &exitError{code: exitDrift, err: err}
}

// repoAndRules finds the repo root and the rules file.
func repoAndRules(g *globalOptions) (string, string, error) {
	repo, err := findRepo(g)
	if err != nil {
		return "", "", inputError(err)
	}
	rules, err := findRules(g, repo)
	if err != nil {
		return "", "", inputError(err)
	}
	return repo, rules, nil
}
