package reencrypt

import (
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/reencrypt/agenix"
)

// The age backend's vocabulary is the operations' vocabulary: callers
// render these without importing the backend.
type (
	Declared    = agenix.Declared
	Finding     = agenix.Finding
	Status      = agenix.Status
	PlannedFile = agenix.PlannedFile
	FileError   = agenix.FileError
	OpenError   = agenix.OpenError
	RekeyResult = agenix.RekeyResult
	InputError  = agenix.InputError
)

const (
	StatusOK         = agenix.StatusOK
	StatusStale      = agenix.StatusStale
	StatusUnverified = agenix.StatusUnverified
	StatusMissing    = agenix.StatusMissing
	StatusInvalid    = agenix.StatusInvalid
	StatusUndeclared = agenix.StatusUndeclared
)

// LockFileName is the lock file kept beside the rules file.
const LockFileName = agenix.LockFileName

// IsInput reports whether err is (or wraps) an *InputError: exit 2.
func IsInput(err error) bool { return agenix.IsInput(err) }

func inputErr(err error) error { return &InputError{Err: err} }

// ErrChanged is wrapped by the error of a file another program changed
// during the run (left as they made it): callers test for it without
// reaching into the transaction.
var ErrChanged = txn.ErrChanged
