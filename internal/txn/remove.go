package txn

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// CommitPhase commits only the writes staged in phase ph, leaving the
// others staged for the next Commit. add-host commits the rules phase
// alone first: if a rules file was saved by someone else meanwhile, the
// secrets must not be rekeyed for an intent that was not written.
func (tx *Tx) CommitPhase(ph Phase) *Result {
	return tx.commit(func(p Phase) bool { return p == ph })
}

// removeExpected deletes base only if it is still the file exp
// describes. The file is first renamed aside (atomic, no-clobber) and the
// file so displaced is the one compared, so a save landing at any moment
// is never deleted: a mismatch is renamed back, or, if base was created
// again meanwhile, kept aside under its temp name and reported.
func (tx *Tx) removeExpected(dfd int, base string, exp *Source) error {
	if exp == nil {
		return fmt.Errorf("%s: a removal needs the file as read", base)
	}
	var b [6]byte
	rand.Read(b[:])
	aside := TempPrefix + base + "-rm-" + hex.EncodeToString(b[:])
	if err := unix.Renameat2(dfd, base, dfd, aside, unix.RENAME_NOREPLACE); err != nil {
		if errors.Is(err, unix.ENOENT) {
			return fmt.Errorf("%w (removed)", ErrChanged)
		}
		if !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.ENOTSUP) {
			return err
		}
		// No renameat2: check, then unlink (the fallback's window).
		if same, err := matches(dfd, base, exp); err != nil || !same {
			return ErrChanged
		}
		return unix.Unlinkat(dfd, base, 0)
	}
	if same, err := matches(dfd, aside, exp); err != nil || !same {
		if err := unix.Renameat2(dfd, aside, dfd, base, unix.RENAME_NOREPLACE); err != nil {
			return fmt.Errorf("%w; their version is in %s", ErrChanged, aside)
		}
		return ErrChanged
	}
	return unix.Unlinkat(dfd, aside, 0)
}
