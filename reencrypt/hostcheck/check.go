package hostcheck

import (
	"context"
	"errors"
	"time"

	"github.com/nfrekey/nfrekey/recipients"
)

// Status is the outcome for one host.
type Status string

const (
	StatusOK          Status = "ok"          // the host presents the declared key
	StatusChanged     Status = "changed"     // it presents another ssh-ed25519 key
	StatusUnreachable Status = "unreachable" // no SSH server answered in time (down, refused, not SSH)
	StatusNoEd25519   Status = "no-ed25519"  // an SSH server answered without an ed25519 host key
)

// Target is a host and the address to scan it at.
type Target struct {
	Host
	Address string // HOST:PORT
	Via     Via
}

// Result is what the scan of one target found.
type Result struct {
	Target
	Status Status
	Found  recipients.Recipient // the scanned key (set for ok and changed)
	Err    error                // why the host is unreachable or has no ed25519 key
	// Vouched is set for a changed host when the known_hosts file of
	// Options lists the found key for its address or name.
	Vouched bool
}

// DefaultConcurrency is how many hosts Check scans at once by default:
// enough that a few stalling hosts (each holding a slot for a whole
// timeout) do not delay the rest.
const DefaultConcurrency = 32

// Options tune Check.
type Options struct {
	Timeout     time.Duration // per host, connect plus handshake; 0: recipients.DefaultScanTimeout
	Concurrency int           // 0: DefaultConcurrency
	KnownHosts  *recipients.KnownHosts
}

// Check scans every target, at most opts.Concurrency at once, each within
// its own timeout, and returns one result per target in the order given.
// A fleet where some hosts stall finishes in about one timeout per
// Concurrency stalled hosts, not one per host.
func Check(ctx context.Context, targets []Target, opts Options) []Result {
	n := opts.Concurrency
	if n <= 0 {
		n = DefaultConcurrency
	}
	addrs := make([]string, len(targets))
	for i, t := range targets {
		addrs[i] = t.Address
	}
	// The known_hosts file is not given to the scan: it usually lists the
	// host's old key, and a mismatch is exactly what is being reported.
	scans := recipients.ScanAll(ctx, addrs, recipients.ScanOptions{Timeout: opts.Timeout, Concurrency: n})
	out := make([]Result, len(targets))
	for i, t := range targets {
		out[i] = judge(t, scans[i], opts.KnownHosts)
	}
	return out
}

func judge(t Target, s recipients.ScanResult, kh *recipients.KnownHosts) Result {
	r := Result{Target: t, Err: s.Err}
	switch {
	case s.Err != nil && errors.Is(s.Err, recipients.ErrNoEd25519HostKey):
		r.Status = StatusNoEd25519
	case s.Err != nil:
		r.Status = StatusUnreachable
	case SameHostKey(s.Recipient, t.Key):
		r.Status, r.Found = StatusOK, s.Recipient
	default:
		r.Status, r.Found = StatusChanged, s.Recipient
		r.Vouched = vouches(kh, t.Name, s)
	}
	return r
}

// vouches reports whether kh lists the scanned key for the address
// scanned or for the host's name, and lists no revocation of it.
func vouches(kh *recipients.KnownHosts, name string, s recipients.ScanResult) bool {
	if kh == nil {
		return false
	}
	for _, h := range []struct {
		host string
		port int
	}{{s.Host, s.Port}, {name, 22}} {
		if known, err := kh.Check(h.host, h.port, s.Recipient); known && err == nil {
			return true
		}
	}
	return false
}
