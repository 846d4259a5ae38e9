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
	if err := renameio.WriteFile(path, data, 0o644, renameio.WithExistingPermissions()); err != nil {
		return false, err
	}
	return true, syncDir(filepath.Dir(path))
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

// RepoLockPath is the file flocked for the whole of a mutating run:
// .git/nfrekey.flock when the repo has a .git directory (never committed,
// never in the way), else .nfrekey.flock in the repo root. .nfrekey.lock
// itself cannot be flocked: it is replaced by rename.
func RepoLockPath(repoRoot string) string {
	if st, err := os.Stat(filepath.Join(repoRoot, ".git")); err == nil && st.IsDir() {
		return filepath.Join(repoRoot, ".git", "nfrekey.flock")
	}
	return filepath.Join(repoRoot, ".nfrekey.flock")
}

// lockRepo takes the repo lock without waiting.
func lockRepo(repoRoot string) (*flock.Flock, error) {
	path := RepoLockPath(repoRoot)
	fl := flock.New(path)
	ok, err := fl.TryLock()
	if err != nil {
		return nil, inputErr(fmt.Errorf("cannot lock the repo (%s): %w", path, err))
	}
	if !ok {
		return nil, inputErr(fmt.Errorf("another nfrekey run holds the lock (%s)", path))
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
