package plaintext

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestMemoryDirCreatedPrivateAndWiped(t *testing.T) {
	if ok, err := IsMemoryFS("/dev/shm"); err != nil || !ok {
		t.Skip("/dev/shm is not tmpfs here")
	}
	d, cleanup, err := New(Options{RuntimeDir: t.TempDir()}) // a disk dir first: must be passed over
	if err != nil {
		t.Fatal(err)
	}
	if !d.Memory || filepath.Dir(d.Path) != "/dev/shm" {
		t.Fatalf("dir %s (memory %v), want one under /dev/shm", d.Path, d.Memory)
	}
	st, err := os.Stat(d.Path)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("mode %v, %v", st.Mode(), err)
	}
	p, err := d.WriteFile("s", []byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WriteFile("s", nil); err == nil {
		t.Fatal("WriteFile replaced an existing file")
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v", st.Mode())
	}
	cleanup()
	cleanup() // idempotent
	if _, err := os.Stat(d.Path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("dir still there: %v", err)
	}
}

func TestDiskRefusedUnlessAllowed(t *testing.T) {
	disk := t.TempDir()
	if ok, _ := IsMemoryFS(disk); ok {
		t.Skip("the temp dir is tmpfs here")
	}
	_, _, err := New(Options{RuntimeDir: disk, ShmDir: disk})
	if !errors.Is(err, ErrNoMemoryDir) {
		t.Fatalf("err %v, want ErrNoMemoryDir", err)
	}
	d, cleanup, err := New(Options{RuntimeDir: disk, ShmDir: disk, AllowDisk: true, DiskDir: disk})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if d.Memory || filepath.Dir(d.Path) != disk {
		t.Fatalf("dir %s memory %v", d.Path, d.Memory)
	}
}
