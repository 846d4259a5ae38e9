package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/internal/plaintext"
	"github.com/nfrekey/nfrekey/reencrypt"
)

type editOptions struct {
	AllowEmpty    bool
	AllowDiskTemp bool
}

func newEditCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &editOptions{}
	cmd := &cobra.Command{
		Use:   "edit PATH [--allow-empty] [--allow-disk-temp]",
		Short: "Create or edit an .age secret in $VISUAL/$EDITOR, encrypted to exactly its declared recipients",
		Long: `Decrypts the declared secret PATH (a missing one starts empty) into a private directory on a
memory file system ($XDG_RUNTIME_DIR, else /dev/shm), opens it in $VISUAL, else $EDITOR, else vi,
and encrypts what you save to exactly the recipients and armor its rule declares; the plaintext
is overwritten and removed on every exit. vim and nvim run without swap, backup, undo and
viminfo files. An unchanged plaintext writes nothing. Without a terminal, the new plaintext
is read from stdin; an empty one never replaces a secret (exit 2) unless --allow-empty.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEdit(cmd.Context(), io, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.AllowEmpty, "allow-empty", false, "accept an empty plaintext")
	f.BoolVar(&o.AllowDiskTemp, "allow-disk-temp", false, "put the plaintext on a disk when no memory file system is available")
	return cmd
}

func runEdit(ctx context.Context, io *IO, g *globalOptions, o *editOptions, path string) error {
	repo, rules, err := repoAndBackends(g)
	if err != nil {
		return err
	}
	ed, err := reencrypt.OpenSecret(ctx, reencrypt.EditOptions{RepoRoot: repo, RulesFiles: rules, UseNix: g.useNix(), Path: secretPath(repo, path)})
	if err != nil {
		return reencryptError(err)
	}
	ids, err := loadIdentities(io, g)
	if err != nil {
		return err
	}
	old, err := ed.Decrypt(ids)
	if err != nil {
		return reencryptError(err)
	}
	defer clear(old)
	defer ed.Wipe()
	var next []byte
	if !io.StdinTTY {
		// No terminal, no editor: the new plaintext is the whole of stdin.
		next, err = readAllLimit(io.In, maxPlaintext)
		if err != nil {
			return inputError(fmt.Errorf("reading the new plaintext from stdin: %w", err))
		}
	} else {
		next, err = editInMemory(ctx, io, o, ed.Path(), old)
		if err != nil {
			return err
		}
	}
	defer clear(next)
	res, err := ed.Save(ctx, next, o.AllowEmpty, reencrypt.SaveOptions{Identities: ids, OnCommit: io.Interrupts.commitStarted})
	if errors.Is(err, reencrypt.ErrEmpty) {
		return inputError(fmt.Errorf("%s: %w", ed.Path(), err))
	}
	if err != nil {
		if errors.Is(err, reencrypt.ErrChanged) {
			return &exitError{code: exitDrift, err: fmt.Errorf("%s was changed by another program while you edited it: your edit was not saved; run nfrekey edit again", ed.Path())}
		}
		if res == nil && io.Interrupts.interrupted() {
			return interruptedError(io.Interrupts, err)
		}
		return reencryptError(err)
	}
	if g.JSON {
		return writeJSON(io, editJSON{Path: res.Path, Created: res.Created, Changed: !res.Unchanged, LockWritten: res.LockWritten})
	}
	if g.Quiet {
		return nil
	}
	switch {
	case res.Unchanged:
		fmt.Fprintf(io.Err, "nfrekey: %s unchanged: nothing written\n", res.Path)
	case res.Created:
		fmt.Fprintf(io.Out, "+ %s\n", res.Path)
	default:
		fmt.Fprintf(io.Out, "~ %s\n", res.Path)
	}
	return nil
}

// editJSON is edit's --json document.
type editJSON struct {
	Path        string `json:"path"`
	Created     bool   `json:"created"`
	Changed     bool   `json:"changed"`
	LockWritten bool   `json:"lock_written"`
}

// maxPlaintext bounds a plaintext read from stdin or back from the editor.
const maxPlaintext = 64 << 20

func readAllLimit(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		clear(data)
		return nil, fmt.Errorf("larger than %d MiB", limit>>20)
	}
	return data, nil
}

// editInMemory writes old into the private memory directory, runs the
// editor on it and returns what was saved. The directory is overwritten
// and removed on return, and at once on SIGINT/SIGTERM (the editor is then
// stopped too), so that a second signal's immediate exit leaves nothing.
func editInMemory(ctx context.Context, io *IO, o *editOptions, secret string, old []byte) ([]byte, error) {
	dir, cleanup, err := plaintext.New(plaintext.Options{RuntimeDir: os.Getenv("XDG_RUNTIME_DIR"), AllowDisk: o.AllowDiskTemp})
	if err != nil {
		return nil, inputError(err)
	}
	defer cleanup()
	if !dir.Memory {
		fmt.Fprintf(io.Err, "nfrekey: warning: the plaintext goes to %s, which is not a memory file system (--allow-disk-temp)\n", dir.Path)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	stopped := make(chan struct{})
	defer close(stopped)
	signalled := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			close(signalled)
			cleanup()
			cancel()
		case <-stopped:
		}
	}()
	name := strings.TrimSuffix(filepath.Base(secret), ".age")
	if name == "" || name[0] == '.' {
		name = "secret" + name
	}
	file, err := dir.WriteFile(name, old)
	if err != nil {
		return nil, fmt.Errorf("writing the plaintext to %s: %w", dir.Path, err)
	}
	line, tamed := editorCommand(chooseEditor(os.Getenv))
	if !tamed {
		fmt.Fprintf(io.Err, "nfrekey: warning: %s is not vim or nvim: make sure it keeps no backup, swap or undo copy of the plaintext outside %s\n", strings.Fields(line)[1], dir.Path)
	}
	runErr := runEditor(ctx, line, file, dir.Path)
	select {
	case <-signalled:
		return nil, &exitError{code: exitInterrupted, err: errors.New("interrupted while editing: nothing was written, the plaintext was removed")}
	default:
	}
	if runErr != nil {
		return nil, inputError(fmt.Errorf("editor %s: %v: nothing written", strings.Fields(line)[1], runErr))
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, inputError(fmt.Errorf("reading the edited plaintext: %w (did the editor remove it?)", err))
	}
	defer f.Close()
	next, err := readAllLimit(f, maxPlaintext)
	if err != nil {
		return nil, inputError(fmt.Errorf("reading the edited plaintext: %w", err))
	}
	return next, nil
}
