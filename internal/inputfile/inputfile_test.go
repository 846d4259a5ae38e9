package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("12345"), 0o600)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path  string
		limit int64
		want  string // error substring, "" for success
	}{
		{small, 5, ""},
		{small, 4, "file too large"},
		{"/dev/zero", 1 << 20, "not a regular file (a device)"},
		{fifo, 1 << 20, "not a regular file (a FIFO)"}, // must not block
		{dir, 1 << 20, "not a regular file (a directory)"},
		{filepath.Join(dir, "none"), 10, "no such file"},
	} {
		data, err := Read(c.path, c.limit)
		switch {
		case c.want == "" && (err != nil || string(data) != "12345"):
			t.Errorf("%s: %q, %v", c.path, data, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n")):
			t.Errorf("%s: err %v, want one line with %q", c.path, err, c.want)
		}
	}
	if _, err := Read(small, 1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("errors.Is ErrTooLarge: %v", err)
	}
}
