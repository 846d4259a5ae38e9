// Package agefile reads and rewrites age files: header parsing, header-only
// file-key rewrap with a fresh MAC, and streaming full re-encryption.
//
// The format is age v1 (c2sp.org/age). Files may be binary or ASCII-armored
// (filippo.io/age/armor); armor is detected the way the age CLI detects it and
// is preserved by Rewrap.
//
// No function of this package writes plaintext anywhere: Reencrypt streams the
// decrypted payload from an age decryption reader straight into an age
// encryption writer, one 64 KiB chunk at a time, in memory.
//
// Header parsing mirrors filippo.io/age/internal/format exactly (the same
// strictness and limits), so a header this package accepts is one age accepts,
// and its canonical re-encoding is byte-identical to the input. The package's
// tests check this against age's own parser on the c2sp.org/CCTV/age vectors
// and under fuzzing.
package agefile

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// Stanza is a recipient stanza of an age header. It is an alias of
// age.Stanza, so that the stanzas returned by age.Recipient.Wrap and those
// given to age.Identity.Unwrap need no conversion.
type Stanza = age.Stanza

// Header is the parsed header of an age file.
type Header struct {
	// Stanzas are the recipient stanzas, in file order (grease included).
	Stanzas []*Stanza
	// MAC is the 32-byte header MAC of the "---" line.
	MAC []byte
	// Armored reports whether the file is ASCII-armored. All offsets and
	// bytes below refer to the binary (de-armored) age stream.
	Armored bool
	// PayloadOffset is the length of the binary header, up to and including
	// the "\n" that ends the MAC line: the payload (16-byte nonce, then the
	// STREAM chunks) starts there. For a binary file it is a file offset; for
	// an armored file it is an offset in the de-armored stream.
	PayloadOffset int64

	raw        []byte   // the exact binary header, PayloadOffset bytes
	rawStanzas [][]byte // raw[...] slice of each stanza, parallel to Stanzas
	macStart   int      // offset of the "---" of the MAC line in raw
}

// Limits that mirror filippo.io/age/internal/format: a header age would
// refuse must be refused here too.
const (
	maxHeaderBytes      = 2 << 20
	maxRecipientStanzas = 1024
	maxStanzaArgs       = 128

	columnsPerLine = 64
	bytesPerLine   = columnsPerLine / 4 * 3

	intro = "age-encryption.org/v1\n"

	// fileKeySize is the size of an age v1 file key.
	fileKeySize = 16
	// NonceSize is the size of the payload nonce that starts the payload.
	NonceSize = 16
	// ChunkSize is the plaintext size of a full STREAM chunk.
	ChunkSize = 64 << 10
	// TagSize is the ChaCha20-Poly1305 tag size that each chunk carries.
	TagSize = 16
)

var b64 = base64.RawStdEncoding.Strict()

// Errors returned (wrapped) by this package; test them with errors.Is.
var (
	// ErrNotAge: the input is not an age v1 file at all (or is empty).
	ErrNotAge = errors.New("not an age file")
	// ErrTruncated: the input ends inside the header, or the payload is
	// shorter than age's chunking allows.
	ErrTruncated = errors.New("truncated age file")
	// ErrMalformed: the header (or its armor) does not follow the age v1
	// format.
	ErrMalformed = errors.New("malformed age header")
	// ErrBadHeaderMAC: the header MAC does not match the unwrapped file key:
	// the header was modified or corrupted (or a stanza was crafted to give
	// a different file key).
	ErrBadHeaderMAC = errors.New("bad age header MAC: header corrupted or tampered with")
	// ErrPayloadShape: the payload size is impossible for age's chunking.
	ErrPayloadShape = errors.New("age payload size inconsistent with its chunking")
	// ErrCorruptPayload: a STREAM chunk fails its authentication, or the
	// payload ends before a final chunk (VerifyPayload).
	ErrCorruptPayload = errors.New("corrupt age payload")
)

// HeaderError describes why a header could not be read. Kind is one of
// ErrNotAge, ErrTruncated or ErrMalformed; Line is the 1-based line of the
// (de-armored) header where the problem is, 0 when not applicable. Messages
// never include payload or plaintext bytes: only header lines (which hold
// no secret) are quoted, shortened.
type HeaderError struct {
	Kind error
	Line int
	Msg  string
	Err  error // underlying error (e.g. *armor.Error), may be nil
}

func (e *HeaderError) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.Error())
	if e.Line > 0 {
		fmt.Fprintf(&b, ": line %d", e.Line)
	}
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *HeaderError) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Kind, e.Err}
	}
	return []error{e.Kind}
}

// ReadHeader parses only the header of an age file (binary or
// ASCII-armored), without decrypting anything. It reads from r a little past
// the header (buffering); use ReadHeaderFile or RewrapFile when the position
// matters.
//
// Errors wrap ErrNotAge (with a description of what the input looks like,
// never its content), ErrTruncated or ErrMalformed (with the line number).
func ReadHeader(r io.Reader) (*Header, error) {
	h, _, err := readHeader(r)
	return h, err
}

// ReadHeaderFile parses the header of the age file at path. It reads only
// the first few KiB a header needs (and, for an armored file, the armored
// lines that encode them).
func ReadHeaderFile(path string) (*Header, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := ReadHeader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return h, nil
}

// readHeader parses the header and returns a reader positioned at the
// payload of the binary (de-armored) stream.
func readHeader(r io.Reader) (*Header, io.Reader, error) {
	br := bufio.NewReaderSize(r, 4096)
	armored, err := detectArmor(br)
	if err != nil {
		return nil, nil, err
	}
	var in *bufio.Reader = br
	if armored {
		in = bufio.NewReaderSize(armor.NewReader(br), 4096)
	}
	p := &parser{r: in, armored: armored}
	h, err := p.parse()
	if err != nil {
		return nil, nil, err
	}
	h.Armored = armored
	return h, in, nil
}

// detectArmor mirrors the age CLI: an armored file starts, after at most
// 1 KiB of whitespace, with the armor header line.
func detectArmor(br *bufio.Reader) (bool, error) {
	const maxWhitespace = 1024
	start, err := br.Peek(maxWhitespace + len(armor.Header))
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return false, err
	}
	if len(start) == 0 {
		return false, &HeaderError{Kind: ErrNotAge, Msg: "the file is empty"}
	}
	trimmed := bytes.TrimSpace(start)
	if err == io.EOF && len(trimmed) > 0 && len(trimmed) < len(armor.Header) &&
		bytes.HasPrefix([]byte(armor.Header), trimmed) {
		return false, &HeaderError{Kind: ErrTruncated, Line: 1, Msg: "file ends inside the ASCII armor's first line"}
	}
	return bytes.HasPrefix(trimmed, []byte(armor.Header)), nil
}

type parser struct {
	r       *bufio.Reader
	armored bool
	raw     []byte
	line    int
}

func (p *parser) fail(kind error, format string, a ...any) error {
	return &HeaderError{Kind: kind, Line: p.line, Msg: fmt.Sprintf(format, a...)}
}

// readErr converts a read error (EOF, armor error, I/O) into a HeaderError.
func (p *parser) readErr(err error, what string) error {
	var ae *armor.Error
	switch {
	case errors.As(err, &ae) && errors.Is(err, io.ErrUnexpectedEOF):
		return &HeaderError{Kind: ErrTruncated, Line: p.line, Msg: "armor ends inside the header while reading " + what, Err: err}
	case errors.As(err, &ae):
		return &HeaderError{Kind: ErrMalformed, Line: p.line, Msg: "invalid ASCII armor while reading " + what, Err: err}
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return &HeaderError{Kind: ErrTruncated, Line: p.line, Msg: fmt.Sprintf("file ends after %d header bytes, while reading %s", len(p.raw), what)}
	default:
		return fmt.Errorf("reading age header: %w", err)
	}
}

// readLine reads one "\n"-terminated line, enforcing the 2 MiB header limit.
func (p *parser) readLine(what string) ([]byte, error) {
	p.line++
	start := len(p.raw)
	for {
		frag, err := p.r.ReadSlice('\n')
		if len(frag) > maxHeaderBytes-len(p.raw) {
			return nil, p.fail(ErrMalformed, "header exceeds 2 MiB")
		}
		p.raw = append(p.raw, frag...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return nil, p.readErr(err, what)
		}
		return p.raw[start:], nil
	}
}

func (p *parser) parse() (*Header, error) {
	h := &Header{}
	if err := p.readIntro(); err != nil {
		return nil, err
	}
	for {
		peek, err := p.r.Peek(3)
		if err != nil {
			p.line++
			return nil, p.readErr(err, "the next stanza or the MAC line")
		}
		if string(peek) == "---" {
			macStart := len(p.raw)
			line, err := p.readLine("the MAC line")
			if err != nil {
				return nil, err
			}
			prefix, args := splitArgs(line)
			if prefix != "---" || len(args) != 1 {
				return nil, p.fail(ErrMalformed, "malformed MAC line %s", quoteLine(line))
			}
			mac, err := decodeString(args[0])
			if err != nil || len(mac) != 32 {
				return nil, p.fail(ErrMalformed, "malformed MAC line %s: MAC is not 32 bytes of canonical unpadded base64", quoteLine(line))
			}
			h.MAC = mac
			h.macStart = macStart
			break
		}
		if len(h.Stanzas) == maxRecipientStanzas {
			return nil, p.fail(ErrMalformed, "header has more than %d recipient stanzas", maxRecipientStanzas)
		}
		start := len(p.raw)
		s, err := p.readStanza()
		if err != nil {
			return nil, err
		}
		h.Stanzas = append(h.Stanzas, s)
		h.rawStanzas = append(h.rawStanzas, p.raw[start:len(p.raw):len(p.raw)])
	}
	if len(h.Stanzas) == 0 {
		return nil, p.fail(ErrMalformed, "header has no recipient stanza")
	}
	h.raw = p.raw
	h.PayloadOffset = int64(len(p.raw))
	// rawStanzas alias p.raw, which may have been reallocated while growing:
	// re-slice them from the final buffer.
	off := len(intro)
	for i, rs := range h.rawStanzas {
		h.rawStanzas[i] = h.raw[off : off+len(rs) : off+len(rs)]
		off += len(rs)
	}
	return h, nil
}

func (p *parser) readIntro() error {
	p.line++
	line, err := p.r.ReadSlice('\n')
	if err == nil && string(line) == intro {
		p.raw = append(p.raw, line...)
		return nil
	}
	line = bytes.Clone(line) // ReadSlice's result is overwritten by the next read
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		var ae *armor.Error
		if !errors.As(err, &ae) {
			return fmt.Errorf("reading age header: %w", err)
		}
		if strings.HasPrefix(intro, string(line)) {
			p.raw = line
			return p.readErr(err, "the intro line")
		}
	}
	// Not the intro: describe what the input looks like, for the error.
	if len(line) < 512 && err == nil {
		// Peek a little further for the description, without consuming.
		more, _ := p.r.Peek(512 - len(line))
		line = append(line, more...)
	}
	if len(line) == 0 {
		return &HeaderError{Kind: ErrNotAge, Msg: "the file is empty"}
	}
	if strings.HasPrefix(intro, string(line)) && (err == io.EOF || err == nil) {
		return &HeaderError{Kind: ErrTruncated, Line: 1, Msg: fmt.Sprintf("file ends after %d bytes, inside the age intro line", len(line))}
	}
	if p.armored {
		return &HeaderError{Kind: ErrMalformed, Line: 1, Msg: "the ASCII armor does not contain an age v1 file: it " + describe(line)}
	}
	return &HeaderError{Kind: ErrNotAge, Msg: "it " + describe(line)}
}

// describe tells what data looks like without showing its content (it may
// be a plaintext secret committed by mistake).
func describe(b []byte) string {
	s := string(b)
	first, _, _ := strings.Cut(s, "\n")
	first = strings.TrimSuffix(first, "\r")
	switch {
	case strings.HasPrefix(s, "age-encryption.org/"):
		v := first
		if len(v) > 40 || !isPrintable(v) {
			return "starts like an age file but its version line is malformed"
		}
		return fmt.Sprintf("is an age file of an unsupported version (intro %q)", v)
	case strings.HasPrefix(s, "AGE-SECRET-KEY-") || strings.HasPrefix(s, "AGE-PLUGIN-"):
		return "looks like an age identity (secret key), not an encrypted file"
	case strings.Contains(s, "AGE-SECRET-KEY-"):
		return "looks like an age identity file (it contains a secret key), not an encrypted file"
	case strings.HasPrefix(s, "-----BEGIN "):
		label := strings.TrimPrefix(first, "-----BEGIN ")
		label = strings.TrimSuffix(label, "-----")
		if len(label) > 40 || !isPrintable(label) {
			return "starts with a PEM block"
		}
		return fmt.Sprintf("is a PEM block of type %q", label)
	case strings.HasPrefix(s, "ssh-") || strings.HasPrefix(s, "ecdsa-sha2-"):
		return "looks like an SSH public key"
	case looksLikeSops(s):
		return "looks like a sops-encrypted file (it has sops metadata), not an age file"
	case allBytes(b, 0):
		return fmt.Sprintf("is %d zero bytes", len(b))
	case len(bytes.TrimSpace(b)) == 0:
		return "contains only whitespace"
	case utf8.Valid(b) && isText(s):
		return "is plain text (possibly an unencrypted secret; content not shown)"
	default:
		return fmt.Sprintf("is binary data, not an age v1 header (%d bytes examined)", len(b))
	}
}

func looksLikeSops(s string) bool {
	return strings.HasPrefix(s, "sops:") || strings.Contains(s, "\nsops:") ||
		strings.Contains(s, `"sops":`) || strings.Contains(s, "\n[sops]") ||
		strings.Contains(s, "ENC[AES256_GCM,") || strings.Contains(s, "sops_version=")
}

func allBytes(b []byte, c byte) bool {
	for _, x := range b {
		if x != c {
			return false
		}
	}
	return len(b) > 0
}

func isText(s string) bool {
	for _, c := range s {
		if c < 32 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

func isPrintable(s string) bool {
	for _, c := range s {
		if c < 32 || c > 126 {
			return false
		}
	}
	return true
}

func (p *parser) readStanza() (*Stanza, error) {
	line, err := p.readLine("a stanza")
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(line, []byte("->")) {
		return nil, p.fail(ErrMalformed, "expected a stanza (\"-> TYPE ARGS\") or the MAC line (\"--- MAC\"), got %s", quoteLine(line))
	}
	prefix, args := splitArgs(line)
	if prefix != "->" || len(args) < 1 {
		return nil, p.fail(ErrMalformed, "malformed stanza line %s", quoteLine(line))
	}
	s := &Stanza{Type: args[0], Args: args[1:]}
	for {
		line, err := p.readLine("a stanza body")
		if err != nil {
			return nil, err
		}
		b, err := decodeString(strings.TrimSuffix(string(line), "\n"))
		if err != nil {
			if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("->")) {
				return nil, p.fail(ErrMalformed, "stanza %q ended without a short (final) body line", s.Type)
			}
			return nil, p.fail(ErrMalformed, "malformed body line %s of stanza %q: %v", quoteLine(line), s.Type, err)
		}
		if len(b) > bytesPerLine {
			return nil, p.fail(ErrMalformed, "body line of stanza %q is longer than 64 columns", s.Type)
		}
		s.Body = append(s.Body, b...)
		if len(b) < bytesPerLine {
			return s, nil
		}
	}
}

func decodeString(s string) ([]byte, error) {
	// base64 decoding ignores CR and LF, but the format allows neither.
	if strings.ContainsAny(s, "\n\r") {
		return nil, errors.New("unexpected newline character")
	}
	return b64.DecodeString(s)
}

// splitArgs mirrors filippo.io/age/internal/format.splitArgs.
func splitArgs(line []byte) (string, []string) {
	l := strings.TrimSuffix(string(line), "\n")
	prefix, rest, ok := strings.Cut(l, " ")
	if !ok {
		return l, nil
	}
	var args []string
	for arg := range strings.SplitSeq(rest, " ") {
		if !isValidString(arg) || len(args) > maxStanzaArgs {
			return l, nil
		}
		args = append(args, arg)
	}
	return prefix, args
}

func isValidString(s string) bool {
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

// quoteLine quotes a header line for an error message, shortened.
func quoteLine(line []byte) string {
	const max = 80
	if len(line) > max {
		return fmt.Sprintf("%q...", line[:max])
	}
	return fmt.Sprintf("%q", line)
}

// Bytes returns a copy of the exact binary header (de-armored for an
// armored file), from the intro line to the "\n" after the MAC.
func (h *Header) Bytes() []byte { return bytes.Clone(h.raw) }

// Encode writes the canonical age v1 encoding of h.Stanzas and h.MAC (not
// the bytes read): for a header returned by ReadHeader it equals Bytes().
func (h *Header) Encode(w io.Writer) error {
	var buf bytes.Buffer
	if err := encodeWithoutMAC(&buf, h.Stanzas); err != nil {
		return err
	}
	if len(h.MAC) != 32 {
		return errors.New("header MAC must be 32 bytes")
	}
	buf.WriteString(" " + b64.EncodeToString(h.MAC) + "\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// Types returns the stanza types, in file order.
func (h *Header) Types() []string {
	t := make([]string, len(h.Stanzas))
	for i, s := range h.Stanzas {
		t[i] = s.Type
	}
	return t
}

// SSHTags returns the key tags (first argument, base64 of the first 4 bytes
// of SHA-256 of the SSH wire-format public key) of the ssh-ed25519 and
// ssh-rsa stanzas, in file order.
func (h *Header) SSHTags() (ed25519, rsa []string) {
	for _, s := range h.Stanzas {
		if len(s.Args) == 0 {
			continue
		}
		switch s.Type {
		case "ssh-ed25519":
			ed25519 = append(ed25519, s.Args[0])
		case "ssh-rsa":
			rsa = append(rsa, s.Args[0])
		}
	}
	return ed25519, rsa
}

// X25519Count returns the number of X25519 stanzas. X25519 stanzas carry no
// recipient tag (only an ephemeral share), so only their count is known.
func (h *Header) X25519Count() int { return h.count("X25519") }

// HybridCount returns the number of mlkem768x25519 (post-quantum hybrid)
// stanzas.
func (h *Header) HybridCount() int { return h.count("mlkem768x25519") }

func (h *Header) count(typ string) int {
	n := 0
	for _, s := range h.Stanzas {
		if s.Type == typ {
			n++
		}
	}
	return n
}

// Passphrase reports whether the header has an scrypt (passphrase) stanza.
func (h *Header) Passphrase() bool { return h.count("scrypt") > 0 }

// KnownTypes are the stanza types defined by age itself (c2sp.org/age and
// filippo.io/age v1.3): X25519, the SSH types, scrypt, the post-quantum
// hybrid mlkem768x25519, and the tagged p256tag / mlkem768p256tag. Anything
// else is grease (see IsGrease) or a plugin stanza.
var KnownTypes = []string{"X25519", "ssh-ed25519", "ssh-rsa", "scrypt", "mlkem768x25519", "p256tag", "mlkem768p256tag"}

// IsGrease reports whether a stanza type is grease, i.e. a stanza written
// only to keep parsers tolerant: "grease" (the CCTV vectors), "grease-…"
// (age plugin client) or "…-grease" (rage). Grease is kept as is by Rewrap.
func IsGrease(typ string) bool {
	return typ == "grease" || strings.HasPrefix(typ, "grease-") || strings.HasSuffix(typ, "-grease")
}

// Unknown returns the stanza types, in file order and without repetition,
// that are neither in KnownTypes nor grease: plugin stanzas such as
// "piv-p256" (age-plugin-yubikey) or anything nfrekey cannot attribute.
func (h *Header) Unknown() []string {
	var out []string
	for _, s := range h.Stanzas {
		if slices.Contains(KnownTypes, s.Type) || IsGrease(s.Type) || slices.Contains(out, s.Type) {
			continue
		}
		out = append(out, s.Type)
	}
	return out
}
