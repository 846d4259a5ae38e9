package main

// The editor an edit runs: $VISUAL, else $EDITOR, else vi, started through
// sh as agenix does ("code --wait" works), on a file in the private memory
// directory, with TMPDIR pointing there too.

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// vimNoTraces are the options that keep vim and nvim from writing copies
// of the plaintext anywhere: no swap file (-n), no viminfo/shada (-i NONE),
// no backup or undo file.
const vimNoTraces = `-n -i NONE --cmd 'set nobackup nowritebackup noundofile noswapfile'`

// editorCommand is the shell command line running editor on the file
// given as "$1", and whether it is a vim we could tame.
func editorCommand(editor string) (string, bool) {
	words := strings.Fields(editor)
	if len(words) == 0 {
		return `exec vi "$1"`, false
	}
	if isVim(filepath.Base(words[0])) {
		return "exec " + editor + " " + vimNoTraces + ` "$1"`, true
	}
	return "exec " + editor + ` "$1"`, false
}

func isVim(prog string) bool {
	switch prog {
	case "vim", "nvim", "vi.vim", "vim.basic", "vim.tiny", "vim.nox", "vim.gtk3":
		return true
	}
	return false
}

// chooseEditor is $VISUAL, else $EDITOR, else vi.
func chooseEditor(env func(string) string) string {
	if v := env("VISUAL"); v != "" {
		return v
	}
	if v := env("EDITOR"); v != "" {
		return v
	}
	return "vi"
}

// runEditor runs the editor on file with the terminal, until it exits or
// ctx is done (then it is sent SIGTERM, and killed 2 s later).
func runEditor(ctx context.Context, line, file, tmpdir string) error {
	cmd := exec.CommandContext(ctx, "sh", "-c", line, "sh", file)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "TMPDIR="+tmpdir)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 2 * time.Second
	return cmd.Run()
}
