package secretsnix_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestMain removes the nix-instantiate state directory the differential
// tests share, which no single test can own.
func TestMain(m *testing.M) {
	code := m.Run()
	if nixEnv.dir != "" {
		// nix makes parts of its store read-only.
		_ = chmodTree(nixEnv.dir)
		_ = os.RemoveAll(nixEnv.dir)
	}
	os.Exit(code)
}

func chmodTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(p, 0o755)
		}
		return nil
	})
}
