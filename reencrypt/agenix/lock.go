package agenix

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/nfrekey/nfrekey/internal/readlimit"
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

// maxLockSize bounds .nfrekey.lock: an entry is a few hundred bytes, so
// this is over 100,000 secrets.
const maxLockSize = 64 << 20

// readLock reads path; a missing file is an empty lock.
func readLock(path string) (*lockFile, []byte, error) {
	data, err := readlimit.ReadFile(path, maxLockSize)
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

// changed is lf's encoding and whether it differs from old (the lock
// file read; nil when there was none, and then an empty lock is no
// change: nothing to create).
func (lf *lockFile) changed(old []byte) ([]byte, bool) {
	data := lf.marshal()
	if old != nil && bytes.Equal(data, old) {
		return data, false
	}
	if old == nil && len(lf.Files) == 0 {
		return data, false
	}
	return data, true
}

// validLockKey reports whether a lock key is a path as the inventory
// writes it: relative, slash-separated, clean. It may climb out of the
// rules file's directory ("../hosts/web1/x.age": a declared secret, which
// the rules evaluation already confined to the repo root): an entry is
// only ever looked up, and kept, under the key of a secret its own rules
// file declares, so one naming anything else is never trusted and is
// dropped at the next write.
func validLockKey(k string) bool {
	if k == "" || strings.HasPrefix(k, "/") || strings.Contains(k, "\\") {
		return false
	}
	return path.Clean(k) == k && k != "." && k != ".."
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
