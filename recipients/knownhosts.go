package recipients

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/readlimit"
)

// KnownHosts is a parsed OpenSSH known_hosts file: plain host lists with
// wildcards and negations, [host]:port names, hashed |1|salt|hash names,
// @cert-authority lines (ignored: a CA key is not a host key) and @revoked
// lines (their keys are never returned and fail Check).
type KnownHosts struct {
	File  string // for error positions; may be empty
	lines []khLine
}

type khLine struct {
	line     int
	marker   string // "", "@cert-authority", "@revoked", or an unknown marker
	hosts    string
	hostsCol int
	keyType  string
	keyData  string
	keyCol   int
	short    bool // fewer fields than a key line needs
}

// KnownHostsError is an error about one line of a known_hosts file.
type KnownHostsError struct {
	File      string
	Line, Col int
	Err       error
}

func (e *KnownHostsError) Error() string {
	f := e.File
	if f == "" {
		f = "known_hosts"
	}
	return fmt.Sprintf("%s:%d:%d: %v", f, e.Line, e.Col, e.Err)
}

func (e *KnownHostsError) Unwrap() error { return e.Err }

// Position is where the error is (the cmd package prints it as FILE:LINE:COL).
func (e *KnownHostsError) Position() (string, int, int) { return e.File, e.Line, e.Col }

// MaxKnownHostsSize bounds a known_hosts file: a million-line file of
// ssh-ed25519 entries is about 100 MiB, far beyond any real one.
const MaxKnownHostsSize = 64 << 20

// ReadKnownHostsFile reads and parses a known_hosts file: a regular file of
// at most MaxKnownHostsSize bytes (a FIFO or device is refused at once).
func ReadKnownHostsFile(path string) (*KnownHosts, error) {
	f, err := readlimit.Open(path, MaxKnownHostsSize)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseKnownHosts(f, path)
}

// ParseKnownHosts reads a known_hosts file. Lines are judged only when
// looked up, as ssh does: a malformed line about another host is no error.
func ParseKnownHosts(r io.Reader, file string) (*KnownHosts, error) {
	kh := &KnownHosts{File: file}
	lr := &io.LimitedReader{R: r, N: MaxKnownHostsSize + 1}
	sc := bufio.NewScanner(lr)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		text := sc.Text()
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		fs := fieldsWithCol(text)
		l := khLine{line: n}
		if strings.HasPrefix(fs[0].s, "@") {
			l.marker = fs[0].s
			fs = fs[1:]
		}
		if len(fs) < 3 {
			l.short = true
			if len(fs) > 0 {
				l.hosts, l.hostsCol = fs[0].s, fs[0].col
			}
			kh.lines = append(kh.lines, l)
			continue
		}
		l.hosts, l.hostsCol = fs[0].s, fs[0].col
		l.keyType, l.keyData, l.keyCol = fs[1].s, fs[2].s, fs[1].col
		kh.lines = append(kh.lines, l)
	}
	name := file
	if name == "" {
		name = "known_hosts"
	}
	if lr.N <= 0 {
		return nil, fmt.Errorf("%s: %w: over the limit of %s", name, readlimit.ErrTooLarge, readlimit.Size(MaxKnownHostsSize))
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &KnownHostsError{File: file, Line: n + 1, Col: 1, Err: errors.New("line too long")}
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return kh, nil
}

type colField struct {
	s   string
	col int
}

func fieldsWithCol(s string) []colField {
	var out []colField
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\t' {
			if start >= 0 {
				out = append(out, colField{s[start:i], start + 1})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

// LookupKnownHost returns the ssh-ed25519 keys (first) and ssh-rsa keys the
// known_hosts text r lists for host on port (port 22 is written "host",
// others "[host]:port"), skipping revoked keys, CA keys and key types age
// cannot use. A line naming the host whose key is corrupt is an error with
// its position.
func LookupKnownHost(r io.Reader, host string, port int) ([]Recipient, error) {
	kh, err := ParseKnownHosts(r, "")
	if err != nil {
		return nil, err
	}
	return kh.Lookup(host, port)
}

// Lookup is LookupKnownHost on a parsed file.
func (k *KnownHosts) Lookup(host string, port int) ([]Recipient, error) {
	keys, _, err := k.lookup(host, port)
	return keys, err
}

// Check compares a scanned key with what the file knows about host: known
// reports whether the file has an entry of got's kind for the host. An entry
// of that kind with another key (and no entry with got) is an error wrapping
// ErrFingerprintMismatch that names the fingerprints; a revoked key is an error.
func (k *KnownHosts) Check(host string, port int, got Recipient) (known bool, err error) {
	keys, revoked, err := k.lookup(host, port)
	if err != nil {
		return false, err
	}
	name := KnownHostsName(host, port)
	for _, r := range revoked {
		if r.Equal(got) {
			return true, fmt.Errorf("the host key %s of %s is marked @revoked in %s", got.Fingerprint(), name, k.name())
		}
	}
	var others []string
	for _, r := range keys {
		if r.Equal(got) {
			return true, nil
		}
		if r.Kind == got.Kind {
			others = append(others, r.Fingerprint())
		}
	}
	if len(others) == 0 {
		return false, nil
	}
	return true, fmt.Errorf("%w: %s presents %s but %s lists %s for it (a reinstalled host, or someone in the middle)",
		ErrFingerprintMismatch, name, got.Fingerprint(), k.name(), strings.Join(others, ", "))
}

func (k *KnownHosts) name() string {
	if k.File == "" {
		return "known_hosts"
	}
	return k.File
}

func (k *KnownHosts) lookup(host string, port int) (keys, revoked []Recipient, err error) {
	if port == 0 {
		port = 22
	}
	name := strings.ToLower(KnownHostsName(host, port))
	var rsaKeys []Recipient
	for _, l := range k.lines {
		if !hostsMatch(l.hosts, name) {
			continue
		}
		pos := func(col int, format string, args ...any) error {
			return &KnownHostsError{File: k.File, Line: l.line, Col: col, Err: fmt.Errorf(format, args...)}
		}
		if l.short {
			return nil, nil, pos(l.hostsCol, "entry for %s has no key (want HOSTS KEYTYPE BASE64 [COMMENT])", name)
		}
		switch l.marker {
		case "", "@revoked":
		case "@cert-authority":
			continue
		default:
			return nil, nil, pos(1, "unknown marker %q (want @cert-authority or @revoked)", truncate(l.marker, 30))
		}
		if l.keyType != ssh.KeyAlgoED25519 && l.keyType != ssh.KeyAlgoRSA {
			continue // ecdsa, sk-*, dss, certificates: not age recipients
		}
		wire, err := base64.StdEncoding.DecodeString(l.keyData)
		if err != nil {
			return nil, nil, pos(l.keyCol, "%s key for %s: bad base64", l.keyType, name)
		}
		if err := checkWire(l.keyType, wire); err != nil {
			return nil, nil, pos(l.keyCol, "key for %s: %v", name, err)
		}
		if _, err := ssh.ParsePublicKey(wire); err != nil {
			return nil, nil, pos(l.keyCol, "%s key for %s: corrupt key data", l.keyType, name)
		}
		r, err := Parse(l.keyType + " " + l.keyData)
		if errors.As(err, new(shortRSAError)) {
			continue // a valid RSA key age refuses: not a recipient
		}
		if err != nil {
			return nil, nil, pos(l.keyCol, "key for %s: %v", name, err)
		}
		switch {
		case l.marker == "@revoked":
			revoked = append(revoked, r)
		case r.Kind == SSHEd25519:
			keys = appendUnique(keys, r)
		default:
			rsaKeys = appendUnique(rsaKeys, r)
		}
	}
	for _, r := range rsaKeys {
		keys = appendUnique(keys, r)
	}
	var kept []Recipient
	for _, r := range keys {
		if !containsKey(revoked, r) {
			kept = append(kept, r)
		}
	}
	return kept, revoked, nil
}

func appendUnique(list []Recipient, r Recipient) []Recipient {
	if containsKey(list, r) {
		return list
	}
	return append(list, r)
}

func containsKey(list []Recipient, r Recipient) bool {
	for _, x := range list {
		if x.Equal(r) {
			return true
		}
	}
	return false
}

// hostsMatch reports whether the hosts field of a line names name (already
// lower case, "[host]:port" for ports other than 22), as OpenSSH decides it:
// a hashed |1|salt|hash entry, or a comma-separated pattern list where a
// matching negated pattern (!pat) excludes the host whatever else matches.
func hostsMatch(field, name string) bool {
	if strings.HasPrefix(field, "|") {
		return hashedMatch(field, name)
	}
	matched := false
	for _, p := range strings.Split(field, ",") {
		neg := strings.HasPrefix(p, "!")
		if neg {
			p = p[1:]
		}
		if p == "" || !wildcardMatch(strings.ToLower(p), name) {
			continue
		}
		if neg {
			return false
		}
		matched = true
	}
	return matched
}

// hashedMatch checks a |1|base64(salt)|base64(HMAC-SHA1(salt, name)) entry.
func hashedMatch(field, name string) bool {
	parts := strings.Split(field, "|")
	if len(parts) != 4 || parts[0] != "" || parts[1] != "1" {
		return false
	}
	salt, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil {
		return false
	}
	want, err := base64.StdEncoding.DecodeString(parts[3])
	if err != nil || len(want) != sha1.Size {
		return false
	}
	m := hmac.New(sha1.New, salt)
	m.Write([]byte(name))
	return hmac.Equal(m.Sum(nil), want)
}

// HashKnownHostsName returns the hashed form ssh-keygen -H writes for host
// on port with the given salt (20 random bytes in OpenSSH).
func HashKnownHostsName(host string, port int, salt []byte) string {
	m := hmac.New(sha1.New, salt)
	m.Write([]byte(strings.ToLower(KnownHostsName(host, port))))
	return "|1|" + base64.StdEncoding.EncodeToString(salt) + "|" + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// wildcardMatch matches s against pattern with OpenSSH's * and ? wildcards.
func wildcardMatch(pattern, s string) bool {
	// Iterative matcher with backtracking to the last star: linear enough
	// for any input (no exponential recursion on hostile patterns).
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
