package recipients

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/crypto/ssh"
)

// DefaultScanTimeout bounds one scan (connect and handshake) when
// ScanOptions.Timeout is zero.
const DefaultScanTimeout = 5 * time.Second

// DefaultScanConcurrency is how many hosts ScanAll scans at once when
// ScanOptions.Concurrency is zero.
const DefaultScanConcurrency = 16

// The reasons a scan fails, for errors.Is. The errors Scan returns wrap one
// of them (or a context error) and explain it in their message.
var (
	ErrConnRefused      = errors.New("connection refused")
	ErrScanTimeout      = errors.New("timed out")
	ErrNotSSH           = errors.New("not an SSH server")
	ErrNoEd25519HostKey = errors.New("the host offers no ssh-ed25519 host key")
	ErrHandshake        = errors.New("SSH handshake failed")
)

// ScanOptions tune Scan and ScanAll.
type ScanOptions struct {
	// Timeout bounds each host's connect plus handshake; 0 means DefaultScanTimeout.
	Timeout time.Duration
	// Concurrency is the number of hosts ScanAll scans at once; 0 means DefaultScanConcurrency.
	Concurrency int
	// ExpectFingerprint, if set, is the SHA256:... fingerprint the key must
	// have (trust on first use checked out of band); see CheckFingerprint.
	ExpectFingerprint string
	// KnownHosts, if set, must agree with the scanned key wherever it has an
	// entry for the host; see KnownHosts.Check.
	KnownHosts *KnownHosts
}

// ScanResult is the outcome for one address.
type ScanResult struct {
	Addr      string    // the address as given
	Host      string    // host name or IP, without brackets
	Port      int       // TCP port
	Recipient Recipient // the ssh-ed25519 host key; set even when a check (fingerprint, known_hosts) failed
	Err       error     // nil on success; a *ScanError otherwise
}

// Name is the host as known_hosts and ssh-keyscan write it: "host" on port
// 22, "[host]:port" otherwise.
func (r ScanResult) Name() string { return KnownHostsName(r.Host, r.Port) }

// ScanError is a failed scan of one address. Its message starts with the
// address; Unwrap gives the reason (ErrConnRefused, ErrScanTimeout, ...).
type ScanError struct {
	Addr string
	Err  error
}

func (e *ScanError) Error() string { return e.Addr + ": " + e.Err.Error() }
func (e *ScanError) Unwrap() error { return e.Err }

// KnownHostsName is how known_hosts names host on port: "host" for port 22,
// "[host]:port" otherwise.
func KnownHostsName(host string, port int) string {
	if port == 22 || port == 0 {
		return host
	}
	return "[" + host + "]:" + strconv.Itoa(port)
}

// SplitHostPort parses HOST, HOST:PORT, [HOST]:PORT, [IPV6] or a bare IPv6
// literal; the port defaults to 22.
func SplitHostPort(addr string) (host string, port int, err error) {
	if addr == "" {
		return "", 0, errors.New("empty host")
	}
	if strings.ContainsAny(addr, " \t\r\n/@") {
		return "", 0, fmt.Errorf("invalid host %q (want HOST or HOST:PORT)", addr)
	}
	portStr, hasPort := "", false
	switch {
	case strings.HasPrefix(addr, "["):
		end := strings.IndexByte(addr, ']')
		if end < 0 {
			return "", 0, fmt.Errorf("invalid host %q: missing ']'", addr)
		}
		host, rest := addr[1:end], addr[end+1:]
		if rest != "" {
			if !strings.HasPrefix(rest, ":") {
				return "", 0, fmt.Errorf("invalid host %q: unexpected %q after ']'", addr, rest)
			}
			portStr, hasPort = rest[1:], true
		}
		addr = host
	case strings.Count(addr, ":") == 1:
		i := strings.IndexByte(addr, ':')
		addr, portStr, hasPort = addr[:i], addr[i+1:], true
	case strings.Count(addr, ":") > 1:
		// A bare IPv6 literal: no port can be told apart from it.
		if net.ParseIP(addr) == nil {
			return "", 0, fmt.Errorf("invalid host %q (write an IPv6 address with a port as [ADDR]:PORT)", addr)
		}
	}
	if addr == "" {
		return "", 0, errors.New("empty host")
	}
	port = 22
	if hasPort {
		p, err := strconv.Atoi(portStr)
		if err != nil || p < 1 || p > 65535 {
			return "", 0, fmt.Errorf("invalid port %q (want 1-65535)", portStr)
		}
		port = p
	}
	return addr, port, nil
}

// errGotHostKey aborts the handshake once the host key is known (and its
// signature over the exchange verified), before any authentication.
var errGotHostKey = errors.New("nfrekey: host key captured")

// Scan connects to addr and returns its ssh-ed25519 host key, like
// ssh-keyscan -t ed25519. Only the key exchange runs: the host has proved it
// holds the key's private half, and the connection is closed before any
// authentication. Connect and handshake together take at most opts.Timeout.
// On failure the error is a *ScanError; the result still names host and port.
func Scan(ctx context.Context, addr string, opts ScanOptions) (ScanResult, error) {
	res := ScanResult{Addr: addr}
	host, port, err := SplitHostPort(addr)
	if err != nil {
		res.Err = &ScanError{Addr: addr, Err: err}
		return res, res.Err
	}
	res.Host, res.Port = host, port
	key, err := scanKey(ctx, host, port, opts)
	if err == nil {
		res.Recipient = key
		err = checkScanned(host, port, key, opts)
	}
	if err != nil {
		res.Err = &ScanError{Addr: addr, Err: err}
		return res, res.Err
	}
	return res, nil
}

func checkScanned(host string, port int, key Recipient, opts ScanOptions) error {
	if opts.ExpectFingerprint != "" {
		if err := CheckFingerprint(key, opts.ExpectFingerprint); err != nil {
			return err
		}
	}
	if opts.KnownHosts != nil {
		if _, err := opts.KnownHosts.Check(host, port, key); err != nil {
			return err
		}
	}
	return nil
}

func scanKey(ctx context.Context, host string, port int, opts ScanOptions) (Recipient, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultScanTimeout
	}
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	deadline, _ := dctx.Deadline()

	target := net.JoinHostPort(host, strconv.Itoa(port))
	var d net.Dialer
	raw, err := d.DialContext(dctx, "tcp", target)
	if err != nil {
		if ctx.Err() != nil {
			return Recipient{}, ctx.Err()
		}
		switch {
		case errors.Is(err, syscall.ECONNREFUSED):
			return Recipient{}, fmt.Errorf("%w: nothing listens on %s", ErrConnRefused, target)
		case isTimeout(err) || dctx.Err() != nil:
			return Recipient{}, fmt.Errorf("%w after %v connecting to %s", ErrScanTimeout, timeout, target)
		}
		var opErr *net.OpError
		if errors.As(err, &opErr) && opErr.Err != nil {
			err = opErr.Err // drop the repeated "dial tcp ADDR:" prefix
		}
		return Recipient{}, fmt.Errorf("cannot connect to %s: %v", target, err)
	}
	conn := &recordingConn{Conn: raw}
	defer conn.Close()
	// The deadline bounds every read and write of the handshake; cancelling
	// ctx moves it to the past so that a blocked read returns at once.
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(dctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	var got ssh.PublicKey
	cfg := &ssh.ClientConfig{
		User:              "nfrekey-scan",
		HostKeyAlgorithms: []string{ssh.KeyAlgoED25519},
		HostKeyCallback: func(_ string, _ net.Addr, key ssh.PublicKey) error {
			got = key
			return errGotHostKey
		},
		Timeout: timeout,
	}
	c, chans, reqs, err := ssh.NewClientConn(conn, target, cfg)
	if err == nil {
		// Cannot happen with a callback that always fails; be tidy anyway.
		go ssh.DiscardRequests(reqs)
		go func() {
			for ch := range chans {
				_ = ch.Reject(ssh.Prohibited, "")
			}
		}()
		c.Close()
	}
	if got != nil {
		if got.Type() != ssh.KeyAlgoED25519 {
			return Recipient{}, fmt.Errorf("%w: it sent a %s key", ErrNoEd25519HostKey, got.Type())
		}
		return Parse(ssh.KeyAlgoED25519 + " " + base64Std(got.Marshal()))
	}
	if ctx.Err() != nil {
		return Recipient{}, ctx.Err()
	}
	return Recipient{}, classifyHandshake(err, conn.received(), timeout, isTimeout(err) || dctx.Err() != nil)
}

func classifyHandshake(err error, received []byte, timeout time.Duration, timedOut bool) error {
	var neg *ssh.AlgorithmNegotiationError
	if errors.As(err, &neg) {
		if neg.What == "host key" {
			return fmt.Errorf("%w (it offers only: %s)", ErrNoEd25519HostKey, strings.Join(neg.RequestedAlgorithms, ", "))
		}
		return fmt.Errorf("%w: no common algorithm for %s (it offers: %s)", ErrHandshake, neg.What, strings.Join(neg.RequestedAlgorithms, ", "))
	}
	banner, sawSSH := sshBanner(received)
	switch {
	case len(received) > 0 && !sawSSH && (!timedOut || bytes.Count(received, []byte("\n")) > 0 || len(received) >= 255):
		return fmt.Errorf("%w: it sent %q, not an SSH banner", ErrNotSSH, firstLine(received))
	case timedOut && len(received) == 0:
		return fmt.Errorf("%w after %v waiting for the SSH banner (the port accepts connections but says nothing)", ErrScanTimeout, timeout)
	case timedOut:
		return fmt.Errorf("%w after %v during the SSH handshake", ErrScanTimeout, timeout)
	case len(received) == 0:
		return fmt.Errorf("%w: the connection was closed before any SSH banner", ErrNotSSH)
	}
	// A banner came, then something else went wrong.
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "ssh: handshake failed: ")
	return fmt.Errorf("%w with %q: %s", ErrHandshake, banner, msg)
}

// sshBanner finds the "SSH-..." identification line among received bytes.
func sshBanner(b []byte) (string, bool) {
	for _, line := range bytes.Split(b, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("SSH-")) {
			return string(bytes.TrimRight(line, "\r")), true
		}
	}
	return "", false
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	b = bytes.TrimRight(b, "\r")
	if len(b) > 60 {
		return string(b[:60]) + "..."
	}
	return string(b)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded)
}

// recordingConn keeps the first bytes the server sends, to tell an SSH
// server that failed from something that is no SSH server at all.
type recordingConn struct {
	net.Conn
	mu  sync.Mutex
	buf []byte
}

const recordLimit = 512

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		if room := recordLimit - len(c.buf); room > 0 {
			c.buf = append(c.buf, p[:min(n, room)]...)
		}
		c.mu.Unlock()
	}
	return n, err
}

func (c *recordingConn) received() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.buf)
}

// ScanAll scans every address concurrently (at most opts.Concurrency at
// once) and returns one result per address, in the order given; failures
// are in each result's Err.
func ScanAll(ctx context.Context, addrs []string, opts ScanOptions) []ScanResult {
	n := opts.Concurrency
	if n <= 0 {
		n = DefaultScanConcurrency
	}
	out := make([]ScanResult, len(addrs))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, a := range addrs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i], _ = Scan(ctx, a, opts)
		}()
	}
	wg.Wait()
	return out
}
