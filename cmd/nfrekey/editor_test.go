package main

import (
	"strings"
	"testing"
)

func TestEditorCommand(t *testing.T) {
	for _, tc := range []struct {
		editor string
		tamed  bool
	}{
		{"vim", true},
		{"/usr/bin/nvim", true},
		{"nvim -u NONE", true},
		{"vim.basic", true},
		{"nano", false},
		{"code --wait", false},
		{"", false},
	} {
		line, tamed := editorCommand(tc.editor)
		if tamed != tc.tamed {
			t.Errorf("%q: tamed %v, want %v", tc.editor, tamed, tc.tamed)
		}
		if !strings.HasPrefix(line, "exec ") || !strings.HasSuffix(line, ` "$1"`) {
			t.Errorf("%q: line %q: the shell must exec the editor on $1", tc.editor, line)
		}
		if tamed != strings.Contains(line, "-n -i NONE --cmd 'set nobackup nowritebackup noundofile noswapfile'") {
			t.Errorf("%q: line %q", tc.editor, line)
		}
	}
	if got := chooseEditor(func(k string) string { return map[string]string{"VISUAL": "nvim", "EDITOR": "nano"}[k] }); got != "nvim" {
		t.Errorf("VISUAL not preferred: %q", got)
	}
	if got := chooseEditor(func(string) string { return "" }); got != "vi" {
		t.Errorf("default %q", got)
	}
}

func TestIsBinary(t *testing.T) {
	for in, want := range map[string]bool{"hello\n": false, "a\tb\r\n": false, "é": false, "\x00": true, "\x1b[2J": true, "\xff": true} {
		if got := isBinary([]byte(in)); got != want {
			t.Errorf("isBinary(%q) = %v", in, got)
		}
	}
}
