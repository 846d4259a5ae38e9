package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/reencrypt"
)

type decryptOptions struct {
	Output string
	Force  bool
}

func newDecryptCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &decryptOptions{}
	cmd := &cobra.Command{
		Use:   "decrypt PATH [-o FILE [--force]]",
		Short: "Print a declared .age secret's plaintext (or write it to -o FILE, mode 0600)",
		Long: `Decrypts the declared secret PATH with your identities and writes the plaintext to stdout,
or to -o FILE, created with mode 0600; an existing FILE is not overwritten unless --force
(and then is truncated and made 0600). Binary plaintext is not printed to a terminal.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDecrypt(cmd.Context(), io, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "write the plaintext to FILE (mode 0600) instead of stdout")
	f.BoolVar(&o.Force, "force", false, "with -o: overwrite an existing FILE")
	return cmd
}

func runDecrypt(ctx context.Context, io *IO, g *globalOptions, o *decryptOptions, path string) error {
	if o.Force && o.Output == "" {
		return usageErrorf("--force needs -o FILE")
	}
	repo, rules, err := repoAndBackends(g)
	if err != nil {
		return err
	}
	ed, err := reencrypt.OpenSecret(ctx, reencrypt.EditOptions{RepoRoot: repo, RulesFiles: rules, UseNix: g.useNix(), Path: secretPath(repo, path)})
	if err != nil {
		return reencryptError(err)
	}
	if !ed.Exists() {
		return inputError(fmt.Errorf("%s is declared but does not exist (create it with nfrekey edit %s)", ed.Path(), path))
	}
	ids, err := loadIdentities(io, g)
	if err != nil {
		return err
	}
	plain, err := ed.Decrypt(ids)
	if err != nil {
		return reencryptError(err)
	}
	defer clear(plain)
	defer ed.Wipe()
	if o.Output == "" {
		if io.StdoutTTY && isBinary(plain) {
			return inputError(fmt.Errorf("%s is binary: not printed to a terminal (use -o FILE, or a pipe)", ed.Path()))
		}
		if _, err := io.Out.Write(plain); err != nil {
			return &exitError{code: exitDrift, err: fmt.Errorf("writing the plaintext: %w", err)}
		}
		return nil
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if o.Force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(o.Output, flags, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return inputError(fmt.Errorf("%s exists: not overwritten (--force to overwrite)", o.Output))
	}
	if err != nil {
		return inputError(err)
	}
	// An existing file keeps its mode through O_TRUNC: narrow it first.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return inputError(err)
	}
	_, werr := f.Write(plain)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return &exitError{code: exitDrift, err: fmt.Errorf("%s: %w", o.Output, err)}
	}
	return nil
}

// isBinary reports whether b would garble a terminal: not UTF-8, or
// control characters other than tab, newline and carriage return (escape
// sequences included).
func isBinary(b []byte) bool {
	if !utf8.Valid(b) {
		return true
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return true
		}
	}
	return false
}
