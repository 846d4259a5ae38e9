package txn

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// syncDir makes the renames in d durable. Some file systems (and FUSE
// mounts) refuse fsync on a directory with EINVAL or ENOTSUP: there the
// rename is as durable as it gets, so that is not a failure. fsync is a
// parameter so the tolerance can be tested.
func syncDir(d *os.File, fsync func(*os.File) error) error {
	err := fsync(d)
	if err == nil || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EOPNOTSUPP) {
		return nil
	}
	return err
}
