//go:build unix

package readlimit

import (
	"os"
	"syscall"
)

// openNonblock opens with O_NONBLOCK so that opening a FIFO with no writer
// returns at once (the type check then refuses it); for a regular file the
// flag has no effect on reads.
func openNonblock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
