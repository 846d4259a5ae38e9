package reencrypt

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nfrekey/nfrekey/internal/gitignore"
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/recipients"
)

// StageHostKey stages a bootstrap host key pair in tx for nixos-anywhere
// --extra-files dir: dir/etc/ssh/ssh_host_ed25519_key (0600) and its .pub
// (0644), committed with the rules files, never over an existing file. It
// refuses at once if either exists (a dangling symlink counts); one that
// appears before the commit makes that file fail there, never clobbered.
// An aborted run leaves no key: only the commit puts them in place.
func StageHostKey(tx *txn.Tx, dir string, k recipients.HostKey) error {
	if err := tx.AddRoot(dir); err != nil {
		return err
	}
	keyPath := recipients.HostKeyPath(dir)
	for _, p := range []string{keyPath, keyPath + ".pub"} {
		if _, err := os.Lstat(p); err == nil {
			return inputErr(fmt.Errorf("%w: %s", recipients.ErrKeyExists, p))
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	for _, w := range []txn.Write{
		{Path: keyPath, Data: k.Private, Mode: 0o600},
		{Path: keyPath + ".pub", Data: k.Public, Mode: 0o644},
	} {
		w.Phase, w.Create, w.MakeDirs = txn.PhaseCreate, true, true
		if _, err := tx.Stage(w); err != nil {
			return err
		}
	}
	return nil
}

// CommittableInGit reports whether path (a generated private host key,
// say in --extra-files ./web5-files of the fleet's repo) lies in a git
// work tree and is not ignored by its .gitignore files: `git add -A` would
// then commit the host's private key. Outside git it is false.
func CommittableInGit(path string) bool {
	top := ""
	for d := realDir(filepath.Dir(path)); ; d = filepath.Dir(d) {
		if gitignore.IsWorkTree(d) {
			top = d
			break
		}
		if filepath.Dir(d) == d {
			return false
		}
	}
	p := filepath.Join(realDir(filepath.Dir(path)), filepath.Base(path))
	rel, err := filepath.Rel(top, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	m := gitignore.New(top)
	m.Enter(top)
	dir := top
	parts := strings.Split(filepath.Dir(rel), string(filepath.Separator))
	for _, part := range parts {
		if part == "." {
			continue
		}
		dir = filepath.Join(dir, part)
		if m.Ignored(dir, true) {
			return false
		}
		m.Enter(dir)
	}
	return !m.Ignored(p, false)
}

func realDir(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}
