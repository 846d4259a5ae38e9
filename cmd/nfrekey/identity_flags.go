package main

import (
	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/readlimit"

	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"golang.org/x/term"

	"github.com/nfrekey/nfrekey/reencrypt"
)

// loadIdentities turns the global -i flags (or, without any, the default
// locations) into the identities of this run. Notes about skipped defaults
// are shown under -v. A passphrase is read from the terminal; without one,
// asking fails with a message saying so.
func loadIdentities(io *IO, g *globalOptions) (*identity.Set, error) {
	for _, f := range g.Identities {
		if err := notPublicHalf(f); err != nil {
			return nil, usageErrorf("-i %s: %v", f, err)
		}
	}
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
	noteIdentities(g, ids.Describe())
	return ids, nil
}

// noteIdentities says under -v which identities the run uses, one line
// per file: an SSH ed25519 key is tried both as itself and as an age
// X25519 key, which Describe lists as two identities of one path.
func noteIdentities(g *globalOptions, descs []string) {
	var order []string
	forms := map[string][]string{}
	for _, d := range descs {
		path, form, ok := strings.Cut(d, " (")
		if !ok {
			path, form = d, ""
		}
		if _, seen := forms[path]; !seen {
			order = append(order, path)
		}
		if form = strings.TrimSuffix(form, ")"); form != "" {
			forms[path] = append(forms[path], form)
		} else if forms[path] == nil {
			forms[path] = []string{}
		}
	}
	for _, p := range order {
		if len(forms[p]) == 0 {
			g.note("identity %s", p)
			continue
		}
		g.note("identity %s (%s)", p, strings.Join(forms[p], "; "))
	}
}

// notPublicHalf refuses an -i naming a public key, the usual slip of
// typing ~/.ssh/id_ed25519.pub for ~/.ssh/id_ed25519.
func notPublicHalf(path string) error {
	head := make([]byte, 64)
	// readlimit.Open: regular files only, opened without blocking (a FIFO
	// given as -i must not hang the run here).
	f, err := readlimit.Open(path, identity.MaxFileSize)
	if err != nil {
		return nil // identity.Load says why, with its own words
	}
	n, _ := f.Read(head)
	f.Close()
	text := strings.TrimSpace(string(head[:n]))
	// An authorized_keys line or an age recipient; a private key starts
	// with "-----BEGIN" or "AGE-SECRET-KEY-" (or a comment), never so.
	isPub := strings.HasPrefix(text, "ssh-") || strings.HasPrefix(text, "ecdsa-sha2-") ||
		strings.HasPrefix(text, "sk-ssh-") || strings.HasPrefix(text, "sk-ecdsa-") || strings.HasPrefix(text, "age1")
	if !isPub {
		return nil
	}
	priv := strings.TrimSuffix(path, ".pub")
	if priv != path {
		if _, err := os.Stat(priv); err == nil {
			return fmt.Errorf("that is the public half; give the private key: -i %s", priv)
		}
	}
	return errors.New("that is the public half of a key; give the private key (or an age identity file)")
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

// repoAndRules finds the repo root and its rules files (one at least).
func repoAndRules(g *globalOptions) (string, []string, error) {
	repo, err := findRepo(g)
	if err != nil {
		return "", nil, inputError(err)
	}
	fromEnv := len(g.Rules) == 0 && os.Getenv("RULES") != ""
	rules, err := findRules(g, repo)
	if err != nil {
		if fromEnv {
			err = fmt.Errorf("%w (the path came from $RULES=%s; unset it or fix it)", err, os.Getenv("RULES"))
		}
		return "", nil, inputError(err)
	}
	g.note("repo root %s", repo)
	for _, rf := range rules {
		if fromEnv {
			g.note("rules file %s (from $RULES)", rf)
		} else {
			g.note("rules file %s", rf)
		}
	}
	return repo, rules, nil
}
