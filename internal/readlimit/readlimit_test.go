package readlimit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// noHang runs f and fails the test if it has not returned long after any
// sane open would have: a blocking open on a FIFO never returns at all.
func noHang(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("still blocked after a minute: the open waits for a writer")
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), 1025), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link-to-fifo")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		want       error
		words      string
	}{
		{"fifo", fifo, ErrNotRegular, "named pipe"},
		{"symlink to a fifo", link, ErrNotRegular, "named pipe"},
		{"/dev/zero", "/dev/zero", ErrNotRegular, "character device"},
		{"directory", dir, ErrNotRegular, "directory"},
		{"over the limit", big, ErrTooLarge, "over the limit of 1 KiB"},
		{"missing", filepath.Join(dir, "nope"), os.ErrNotExist, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path == "/dev/zero" {
				if _, err := os.Stat(tc.path); err != nil {
					t.Skipf("no /dev/zero: %v", err)
				}
			}
			for _, op := range []struct {
				name string
				run  func() error
			}{
				{"Open", func() error {
					f, err := Open(tc.path, 1024)
					if err == nil {
						f.Close()
					}
					return err
				}},
				{"ReadFile", func() error { _, err := ReadFile(tc.path, 1024); return err }},
			} {
				var err error
				noHang(t, func() { err = op.run() })
				if !errors.Is(err, tc.want) {
					t.Fatalf("%s: got %v, want %v", op.name, err, tc.want)
				}
				msg := err.Error()
				if !strings.Contains(msg, tc.path) || !strings.Contains(msg, tc.words) || strings.Contains(msg, "\n") {
					t.Fatalf("%s: error %q should be one line naming %s and saying %q", op.name, msg, tc.path, tc.words)
				}
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 1023, 1024} {
		p := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte{'a'}, n)
		if err := os.WriteFile(p, want, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(p, 1024)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%d bytes at a 1024 limit: got %d bytes, %v", n, len(got), err)
		}
	}
	p := filepath.Join(dir, "unlimited")
	if err := os.WriteFile(p, make([]byte, 5000), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(p, -1); err != nil || len(got) != 5000 {
		t.Fatalf("no limit: %d bytes, %v", len(got), err)
	}
	if _, err := ReadFile(p, 4999); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("one byte over: %v", err)
	}
}

// A file that grows after the open's stat is still read no further than
// the limit: readAll is told a small size and given more.
func TestReadAllGrowing(t *testing.T) {
	for _, tc := range []struct {
		data        string
		size, limit int64
		tooLarge    bool
	}{
		{"abcdefgh", 2, 4, true},
		{"abcd", 2, 4, false},
		{"abcdefgh", 2, -1, false},
		{"", 10, 4, false},
	} {
		got, err := readAll(strings.NewReader(tc.data), tc.size, tc.limit)
		if tc.tooLarge {
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("%q told %d, limit %d: got %q, %v; want ErrTooLarge", tc.data, tc.size, tc.limit, got, err)
			}
			continue
		}
		if err != nil || string(got) != tc.data {
			t.Errorf("%q told %d, limit %d: got %q, %v", tc.data, tc.size, tc.limit, got, err)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1500: "1500 bytes", 1 << 10: "1 KiB", 64 << 10: "64 KiB", 1 << 20: "1 MiB", 3 << 30: "3 GiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
