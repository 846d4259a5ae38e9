package agefile

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
	"golang.org/x/crypto/hkdf"
)

// headerMAC computes the age v1 header MAC: HMAC-SHA-256, keyed by
// HKDF-SHA-256(ikm = file key, salt = empty, info = "header"), over the
// header up to and including "---" (without the space and MAC after it).
func headerMAC(fileKey, headerWithoutMAC []byte) []byte {
	key := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, fileKey, nil, []byte("header")), key); err != nil {
		panic("agefile: HKDF failed: " + err.Error())
	}
	m := hmac.New(sha256.New, key)
	m.Write(headerWithoutMAC)
	return m.Sum(nil)
}

// withoutMAC returns the header bytes the MAC covers: up to and including
// the "---" of the MAC line.
func (h *Header) withoutMAC() []byte { return h.raw[:h.macStart+3] }

// CheckFileKey reports whether fileKey is the file key of this header, by
// recomputing the header MAC. It returns an error wrapping ErrBadHeaderMAC
// if not.
func (h *Header) CheckFileKey(fileKey []byte) error {
	if len(fileKey) != fileKeySize {
		return fmt.Errorf("file key is %d bytes, age v1 file keys are %d", len(fileKey), fileKeySize)
	}
	if !hmac.Equal(headerMAC(fileKey, h.withoutMAC()), h.MAC) {
		return ErrBadHeaderMAC
	}
	return nil
}

// encodeWithoutMAC writes the canonical encoding of the intro and stanzas,
// and "---", validating every type and argument.
func encodeWithoutMAC(buf *bytes.Buffer, stanzas []*Stanza) error {
	if len(stanzas) == 0 {
		return errors.New("an age header needs at least one recipient stanza")
	}
	buf.WriteString(intro)
	for _, s := range stanzas {
		if err := encodeStanza(buf, s); err != nil {
			return err
		}
	}
	buf.WriteString("---")
	return nil
}

// encodeStanza writes "-> TYPE ARGS...\n" and the body as unpadded base64
// wrapped at 64 columns, the final line always shorter than 64 columns (so
// empty when the body is a multiple of 48 bytes long).
func encodeStanza(buf *bytes.Buffer, s *Stanza) error {
	if !isValidString(s.Type) {
		return fmt.Errorf("invalid stanza type %q", s.Type)
	}
	if len(s.Args) > maxStanzaArgs {
		return fmt.Errorf("stanza %q has more than %d arguments", s.Type, maxStanzaArgs)
	}
	buf.WriteString("-> " + s.Type)
	for _, a := range s.Args {
		if !isValidString(a) {
			return fmt.Errorf("invalid argument %q in stanza %q", a, s.Type)
		}
		buf.WriteString(" " + a)
	}
	buf.WriteByte('\n')
	body := s.Body
	for len(body) >= bytesPerLine {
		buf.WriteString(b64.EncodeToString(body[:bytesPerLine]))
		buf.WriteByte('\n')
		body = body[bytesPerLine:]
	}
	buf.WriteString(b64.EncodeToString(body))
	buf.WriteByte('\n')
	return nil
}

// UnwrapFileKey opens the header with ids and returns the 16-byte file key,
// after verifying the header MAC with it.
//
// Identities are tried as age.Decrypt tries them: native ones (X25519,
// hybrid, scrypt) first, then the others, in order. When none matches, the
// error is an *age.NoIdentityMatchError (use errors.As) whose message names
// the stanza types present. A MAC mismatch gives an error wrapping
// ErrBadHeaderMAC. Any other error is the identity's own (a malformed
// stanza of a known type, for example).
func (h *Header) UnwrapFileKey(ids []age.Identity) ([]byte, error) {
	if len(ids) == 0 {
		return nil, errors.New("no identities given to open the age header")
	}
	ids = slices.Clone(ids)
	slices.SortStableFunc(ids, func(a, b age.Identity) int {
		return nativeRank(a) - nativeRank(b)
	})
	// Give identities copies: they must not be able to alter h.
	stanzas := make([]*Stanza, len(h.Stanzas))
	for i, s := range h.Stanzas {
		stanzas[i] = &Stanza{Type: s.Type, Args: slices.Clone(s.Args), Body: bytes.Clone(s.Body)}
	}
	noMatch := &age.NoIdentityMatchError{StanzaTypes: h.Types()}
	var fileKey []byte
	for _, id := range ids {
		k, err := id.Unwrap(stanzas)
		if errors.Is(err, age.ErrIncorrectIdentity) {
			noMatch.Errors = append(noMatch.Errors, err)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("unwrapping the age file key: %w", err)
		}
		fileKey = k
		break
	}
	if fileKey == nil {
		return nil, &noMatchError{noMatch}
	}
	if err := h.CheckFileKey(fileKey); err != nil {
		return nil, err
	}
	return fileKey, nil
}

func nativeRank(id age.Identity) int {
	switch id.(type) {
	case *age.X25519Identity, *age.HybridIdentity, *age.ScryptIdentity:
		return 0
	}
	return 1
}

// noMatchError is an *age.NoIdentityMatchError whose message also names the
// stanza types (age's own message does not).
type noMatchError struct{ *age.NoIdentityMatchError }

func (e *noMatchError) Error() string {
	return fmt.Sprintf("%s (the file has %d recipient stanza(s): %s)",
		e.NoIdentityMatchError.Error(), len(e.StanzaTypes), strings.Join(e.StanzaTypes, ", "))
}

// Unwrap lets errors.As find the *age.NoIdentityMatchError (and, through
// it, age.ErrIncorrectIdentity).
func (e *noMatchError) Unwrap() error { return e.NoIdentityMatchError }

// stanzaLabels returns the recipient labels (age.RecipientWithLabels) that
// the recipient of a stanza of type typ has, for the types age defines.
// ok is false for grease and for plugin stanzas, whose labels are unknown.
func stanzaLabels(typ string) (labels []string, ok bool) {
	switch typ {
	case "X25519", "ssh-ed25519", "ssh-rsa", "p256tag":
		return nil, true
	case "mlkem768x25519", "mlkem768p256tag":
		return []string{"postquantum"}, true
	}
	return nil, false
}

// rewrapped builds the header that keeps the kept stanzas of h byte for
// byte, adds stanzas wrapping fileKey for add, and carries a fresh MAC.
func (h *Header) rewrapped(fileKey []byte, keep func(*Stanza) bool, add []age.Recipient) ([]byte, error) {
	if err := h.CheckFileKey(fileKey); err != nil {
		return nil, fmt.Errorf("refusing to rewrap: the file key does not open this header: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(intro)
	n := 0
	for i, s := range h.Stanzas {
		if keep != nil && !keep(s) {
			continue
		}
		if s.Type == "scrypt" && len(add) > 0 {
			return nil, errors.New("refusing to rewrap: an scrypt (passphrase) stanza must be the only stanza of a file")
		}
		buf.Write(h.rawStanzas[i])
		n++
	}

	// Recipient labels: those of the added recipients must agree with each
	// other (as age.Encrypt requires) and with those of the kept stanzas
	// whose type age defines (e.g. no classic recipient added to a
	// post-quantum file, nor the converse). Plugin stanzas' labels are
	// unknown and not checked.
	var labels []string
	for i, r := range add {
		stanzas, l, err := wrapWithLabels(r, fileKey)
		if err != nil {
			return nil, fmt.Errorf("wrapping the file key for added recipient #%d: %w", i, err)
		}
		l = slices.Clone(l)
		sort.Strings(l)
		if i == 0 {
			labels = l
		} else if !slices.Equal(labels, l) {
			return nil, incompatibleLabelsError(labels, l)
		}
		for _, s := range stanzas {
			if err := encodeStanza(&buf, s); err != nil {
				return nil, fmt.Errorf("added recipient #%d: %w", i, err)
			}
			n++
		}
	}
	if len(add) > 0 {
		for i, s := range h.Stanzas {
			if keep != nil && !keep(s) {
				continue
			}
			kl, ok := stanzaLabels(s.Type)
			if ok && !slices.Equal(kl, labels) {
				return nil, fmt.Errorf("stanza #%d (%s) of the file: %w", i+1, s.Type, incompatibleLabelsError(kl, labels))
			}
		}
	}
	if n == 0 {
		return nil, errors.New("refusing to rewrap: no recipient stanza would be left")
	}
	if n > maxRecipientStanzas {
		return nil, fmt.Errorf("refusing to rewrap: %d stanzas exceed age's limit of %d", n, maxRecipientStanzas)
	}
	buf.WriteString("---")
	mac := headerMAC(fileKey, buf.Bytes())
	buf.WriteString(" " + b64.EncodeToString(mac) + "\n")
	if buf.Len() > maxHeaderBytes {
		return nil, errors.New("refusing to rewrap: the header would exceed age's 2 MiB limit")
	}
	return buf.Bytes(), nil
}

func wrapWithLabels(r age.Recipient, fileKey []byte) ([]*Stanza, []string, error) {
	key := bytes.Clone(fileKey) // a recipient must not be able to alter it
	if r, ok := r.(age.RecipientWithLabels); ok {
		return r.WrapWithLabels(key)
	}
	s, err := r.Wrap(key)
	return s, nil, err
}

// incompatibleLabelsError words the refusal as age.Encrypt does.
func incompatibleLabelsError(l1, l2 []string) error {
	if slices.Contains(l1, "postquantum") != slices.Contains(l2, "postquantum") {
		return errors.New("incompatible recipients: can't mix post-quantum and classic recipients, or the file would be vulnerable to quantum computers")
	}
	return fmt.Errorf("incompatible recipients: %q and %q can't be mixed", l1, l2)
}

// Rewrap writes to dst a copy of the age file read from src whose header
// keeps the stanzas for which keep returns true (all when keep is nil) byte
// for byte, in order, followed by stanzas wrapping fileKey for the add
// recipients, with a fresh header MAC; the payload bytes are copied
// unchanged. An armored src gives an armored dst (canonical armor: LF line
// ends, no surrounding whitespace) whose de-armored payload is
// byte-identical. Grease stanzas are kept (unless keep drops them).
//
// fileKey must be the file key of src (UnwrapFileKey): it is checked against
// the header MAC before anything is written. Recipient labels are checked as
// age.Encrypt checks them (e.g. a classic recipient cannot be added to a
// post-quantum file), and an scrypt file cannot get recipients.
//
// Dropping stanzas with keep does NOT revoke access: the dropped recipient
// may already know the file key, which is unchanged, and so can still
// decrypt the payload (from an old copy of the file, or from this one given
// the key). To remove a recipient, use Reencrypt, which picks a fresh file
// key. Rewrap is for adding recipients.
//
// Rewrap is header-only: it does not decrypt the payload, so it cannot tell
// whether the payload is intact. It does check that the payload size fits
// age's chunking (CheckPayloadShape) after copying it. On any error, part of
// the output may have been written: the caller must discard dst.
func Rewrap(dst io.Writer, src io.Reader, fileKey []byte, keep func(*Stanza) bool, add []age.Recipient) error {
	h, payload, err := readHeader(src)
	if err != nil {
		return err
	}
	hdr, err := h.rewrapped(fileKey, keep, add)
	if err != nil {
		return err
	}
	var out io.Writer = dst
	var aw io.WriteCloser
	var bw *bufio.Writer
	if h.Armored {
		bw = bufio.NewWriterSize(dst, 64<<10)
		aw = armor.NewWriter(bw)
		out = aw
	}
	if _, err := out.Write(hdr); err != nil {
		return fmt.Errorf("writing the rewrapped header: %w", err)
	}
	n, err := io.Copy(out, payload)
	if err != nil {
		var ae *armor.Error
		if errors.As(err, &ae) {
			return &HeaderError{Kind: ErrMalformed, Msg: "invalid ASCII armor in the payload", Err: err}
		}
		return fmt.Errorf("copying the age payload: %w", err)
	}
	if err := CheckPayloadShape(n); err != nil {
		return err
	}
	if h.Armored {
		if err := aw.Close(); err != nil {
			return fmt.Errorf("writing the armor: %w", err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("writing the armor: %w", err)
		}
	}
	return nil
}

// RewrapFile is Rewrap between two files. src is read from its start
// (whatever its offset); dst is written at its current offset and should be
// a new, empty file. For a binary src, the payload is copied with
// (*os.File).ReadFrom from src positioned at the payload, which lets Linux
// copy it inside the kernel (copy_file_range; a reflink on filesystems that
// support it) instead of through user space. Armored files go through
// Rewrap.
func RewrapFile(dst, src *os.File, fileKey []byte, keep func(*Stanza) bool, add []age.Recipient) error {
	st, err := src.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	h, err := ReadHeader(io.NewSectionReader(src, 0, size))
	if err != nil {
		return fmt.Errorf("%s: %w", src.Name(), err)
	}
	if h.Armored {
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return Rewrap(dst, src, fileKey, keep, add)
	}
	if err := CheckPayloadShape(size - h.PayloadOffset); err != nil {
		return fmt.Errorf("%s: %w", src.Name(), err)
	}
	hdr, err := h.rewrapped(fileKey, keep, add)
	if err != nil {
		return err
	}
	if _, err := dst.Write(hdr); err != nil {
		return fmt.Errorf("writing the rewrapped header: %w", err)
	}
	if _, err := src.Seek(h.PayloadOffset, io.SeekStart); err != nil {
		return err
	}
	// Not io.Copy with an io.SectionReader: ReadFrom needs the *os.File
	// itself (or an io.LimitedReader around it) to use copy_file_range.
	n, err := dst.ReadFrom(src)
	if err != nil {
		return fmt.Errorf("copying the age payload: %w", err)
	}
	if n != size-h.PayloadOffset {
		return fmt.Errorf("%s: %w: copied %d payload bytes, expected %d (file changed while being read?)",
			src.Name(), ErrTruncated, n, size-h.PayloadOffset)
	}
	return nil
}

// CheckPayloadShape checks that payloadSize, the number of bytes after the
// header (the 16-byte nonce and the STREAM chunks, de-armored), is possible
// for age: a nonce, then chunks of 64 KiB + 16 bytes, the last one shorter
// or equal, and non-empty unless it is the only chunk (empty plaintext).
// This is a cheap truncation check, not an integrity check: only decrypting
// authenticates the payload.
func CheckPayloadShape(payloadSize int64) error {
	const encChunk = ChunkSize + TagSize
	if payloadSize < NonceSize+TagSize {
		return fmt.Errorf("%w: %w: payload is %d bytes, less than a nonce and one chunk tag (%d)",
			ErrTruncated, ErrPayloadShape, payloadSize, NonceSize+TagSize)
	}
	enc := payloadSize - NonceSize
	chunks := (enc + encChunk - 1) / encChunk
	plain := enc - chunks*TagSize
	want := (plain + ChunkSize - 1) / ChunkSize
	if plain == 0 {
		want = 1
	}
	if want != chunks {
		// The only impossible sizes are a last chunk of just a tag after
		// full chunks: a truncation at a chunk boundary plus 16 bytes.
		return fmt.Errorf("%w: payload of %d bytes ends with an empty chunk after %d full chunk(s)",
			ErrPayloadShape, payloadSize, chunks-1)
	}
	return nil
}

// Reencrypt decrypts the age file read from src with ids and encrypts its
// plaintext, streaming, into a fresh age file (new file key, new nonce) for
// recipients, written to dst, ASCII-armored if armor is set. Plaintext exists
// only in memory, one 64 KiB chunk at a time. Any error, including a payload
// authentication failure or truncation detected at the end, is returned: the
// caller must then discard dst. Recipient labels must agree (age.Encrypt's
// rule). Removing a recipient must be done with Reencrypt, not Rewrap.
func Reencrypt(dst io.Writer, src io.Reader, ids []age.Identity, recipients []age.Recipient, armor bool) error {
	h, payload, err := readHeader(src)
	if err != nil {
		return err
	}
	fileKey, err := h.UnwrapFileKey(ids)
	if err != nil {
		return err
	}
	dec, err := age.Decrypt(io.MultiReader(bytes.NewReader(h.raw), payload), age.NewInjectedFileKeyIdentity(fileKey))
	if err != nil {
		return fmt.Errorf("opening the age payload: %w", err)
	}
	return encryptStream(dst, dec, recipients, armor)
}

func encryptStream(dst io.Writer, plaintext io.Reader, recipients []age.Recipient, withArmor bool) error {
	bw := bufio.NewWriterSize(dst, 64<<10)
	var out io.Writer = bw
	var aw io.WriteCloser
	if withArmor {
		aw = armor.NewWriter(bw)
		out = aw
	}
	enc, err := age.Encrypt(out, recipients...)
	if err != nil {
		return fmt.Errorf("encrypting: %w", err)
	}
	buf := make([]byte, ChunkSize)
	defer clear(buf) // plaintext hygiene: do not leave it in the heap
	if _, err := io.CopyBuffer(enc, plaintext, buf); err != nil {
		var ae *armor.Error
		if errors.As(err, &ae) {
			return &HeaderError{Kind: ErrMalformed, Msg: "invalid ASCII armor in the payload", Err: err}
		}
		return fmt.Errorf("re-encrypting the payload: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("finishing the encryption: %w", err)
	}
	if aw != nil {
		if err := aw.Close(); err != nil {
			return fmt.Errorf("finishing the armor: %w", err)
		}
	}
	return bw.Flush()
}
