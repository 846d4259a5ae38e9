package reencrypt

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gofrs/flock"
	"github.com/google/renameio/v2"
)

// LockFileName is the lock file kept beside the rules file.
const LockFileName = ".nfrekey.lock"

// lockFile is .nfrekey.lock: for each age file nfrekey wrote, the SHA-256
// of the file and the recipients it was encrypted to. Paths are relative to
// the rules file's directory, slash-separated.
type lockFile struct {
	Version int                  `json:"version"`
	Files   map[string]lockEntry `json:"files"`
}

type lockEntry struct {
	SHA256     string   `json:"sha256"`
	Recipients []string `json:"recipients"`
}

// readLock reads path; a missing file is an empty lock.
func readLock(path string) (*lockFile, []byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &lockFile{Version: 1, Files: map[string]lockEntry{}}, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var lf lockFile
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, nil, fmt.Errorf("%s: invalid lock file (delete it and run nfrekey rekey --force to rebuild it): %v", path, err)
	}
	if lf.Version != 1 {
		return nil, nil, fmt.Errorf("%s: unsupported lock file version %d", path, lf.Version)
	}
	if lf.Files == nil {
		lf.Files = map[string]lockEntry{}
	}
	for k := range lf.Files {
		if !validLockKey(k) {
			// An entry naming a file outside the rules file's directory
			// describes nothing nfrekey wrote: never trust it.
			delete(lf.Files, k)
		}
	}
	return &lf, data, nil
}

// marshal is the deterministic encoding: sorted paths and recipients,
// 2-space indent, trailing newline.
func (lf *lockFile) marshal() []byte {
	for k, e := range lf.Files {
		rs := append([]string(nil), e.Recipients...)
		sort.Strings(rs)
		lf.Files[k] = lockEntry{SHA256: e.SHA256, Recipients: rs}
	}
	lf.Version = 1
	data, err := json.MarshalIndent(lf, "", "  ")
	if err != nil {
		panic(err) // strings and maps only: cannot fail
	}
	return append(data, '\n')
}

// writeIfChanged writes lf atomically to path unless old already holds
// the same bytes. It reports whether it wrote.
func (lf *lockFile) writeIfChanged(path string, old []byte) (bool, error) {
	data := lf.marshal()
	if old != nil && bytes.Equal(data, old) {
		return false, nil
	}
	if old == nil && len(lf.Files) == 0 {
		return false, nil
	}
	// The temp file goes beside the lock file: renameio's default, the
	// system temp dir, may be another file system, where the rename fails.
	if err := renameio.WriteFile(path, data, 0o644, renameio.WithTempDir(filepath.Dir(path)), renameio.WithExistingPermissions()); err != nil {
		return false, err
	}
	return true, syncDir(filepath.Dir(path))
}

// validLockKey reports whether a lock key stays inside the rules file's
// directory: relative, slash-separated, no ".." element.
func validLockKey(k string) bool {
	if k == "" || strings.HasPrefix(k, "/") || strings.Contains(k, "\\") {
		return false
	}
	for _, e := range strings.Split(k, "/") {
		if e == ".." {
			return false
		}
	}
	return true
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// lockRepo takes the repo lock without waiting: a flock on the repo root
// directory itself, opened read-only, so that taking it creates nothing on
// disk (a run that fails leaves the repo exactly as it was, and there is
// no lock file to commit or ignore). .nfrekey.lock cannot be flocked: it is
// replaced by rename. The lock is released when the returned Flock is
// closed, or when the process dies.
func lockRepo(repoRoot string) (*flock.Flock, error) {
	fl := flock.New(repoRoot, flock.SetFlag(os.O_RDONLY))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, inputErr(fmt.Errorf("cannot lock the repo (%s): %w", repoRoot, err))
	}
	if !ok {
		return nil, inputErr(fmt.Errorf("another nfrekey run holds the lock (%s)", repoRoot))
	}
	return fl, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
