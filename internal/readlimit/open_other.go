//go:build !unix

package readlimit

import (
	"fmt"
	"os"
)

// openNonblock checks the type before opening where O_NONBLOCK does not
// exist: a file swapped for a FIFO between the two calls can still block.
func openNonblock(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w: it is %s", path, ErrNotRegular, describe(fi.Mode()))
	}
	return os.Open(path)
}
