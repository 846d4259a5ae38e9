package recipients

import (
	"errors"
	"fmt"
	"io"

	"github.com/nfrekey/nfrekey/internal/readlimit"
)

// maxPubFileSize bounds what is read from a .pub file or stdin.
const maxPubFileSize = 1 << 20

// ReadPublicKeys reads keys from r with ParseList semantics: one key per
// line, blank lines and # comments skipped, at least one key.
func ReadPublicKeys(r io.Reader) ([]Recipient, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPubFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPubFileSize {
		return nil, errors.New("too large for a public key file")
	}
	return ParseList(string(data))
}

// ReadHostKey reads the one key of a host key source (a .pub file, or "-"
// for stdin given as r): exactly one key must be there.
func ReadHostKey(r io.Reader) (Recipient, error) {
	keys, err := ReadPublicKeys(r)
	if err != nil {
		return Recipient{}, err
	}
	if len(keys) != 1 {
		return Recipient{}, fmt.Errorf("%d keys found, want exactly one host key", len(keys))
	}
	return keys[0], nil
}

// ReadHostKeyFile is ReadHostKey on a file; errors name the file. Only a
// regular file is read (a FIFO or device is refused at once, not waited on).
func ReadHostKeyFile(path string) (Recipient, error) {
	f, err := readlimit.Open(path, maxPubFileSize)
	if err != nil {
		return Recipient{}, err
	}
	defer f.Close()
	r, err := ReadHostKey(f)
	if err != nil {
		return Recipient{}, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}
