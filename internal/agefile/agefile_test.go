package agefile

import (
	"bytes"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/armor"
	"golang.org/x/crypto/hkdf"
	"golang.org/x/crypto/ssh"
)

// testMAC is an independent implementation of the header MAC, for building
// headers by hand.
func testMAC(fileKey []byte, hdrUpToDashes string) string {
	k := make([]byte, 32)
	io.ReadFull(hkdf.New(sha256.New, fileKey, nil, []byte("header")), k)
	m := hmac.New(sha256.New, k)
	m.Write([]byte(hdrUpToDashes))
	return base64.RawStdEncoding.EncodeToString(m.Sum(nil))
}

// greaseFile builds, by hand, an age file whose header has grease stanzas
// around a real X25519 stanza (and optionally extra stanzas), with a valid
// MAC, and checks that age itself accepts it.
func greaseFile(t testing.TB, id *age.X25519Identity, plaintext []byte, extra ...string) (file, fileKey []byte) {
	t.Helper()
	orig := encrypt(t, plaintext, false, id.Recipient())
	h := mustHeader(t, orig)
	fk, err := h.UnwrapFileKey([]age.Identity{id})
	if err != nil {
		t.Fatal(err)
	}
	greaseBody := bytes.Repeat([]byte{0xa5}, 60)
	hdr := "age-encryption.org/v1\n" +
		"-> grease-7f3a 12 x\n" + base64.RawStdEncoding.EncodeToString(greaseBody[:48]) + "\n" +
		base64.RawStdEncoding.EncodeToString(greaseBody[48:]) + "\n" +
		string(h.rawStanzas[0]) +
		"-> 3bc-grease\n\n" + strings.Join(extra, "") + "---"
	file = append([]byte(hdr+" "+testMAC(fk, hdr)+"\n"), orig[h.PayloadOffset:]...)
	if 3+len(extra) > maxRecipientStanzas {
		return file, fk // over age's limit on purpose
	}
	if got := mustDecrypt(t, file, id); !bytes.Equal(got, plaintext) {
		t.Fatal("hand-made grease file does not decrypt with age")
	}
	return file, fk
}

func TestGrease(t *testing.T) {
	id := newX25519(t)
	plain := []byte("grease test plaintext\n")
	file, fk := greaseFile(t, id, plain)
	h := mustHeader(t, file)
	if got := h.Types(); !slices.Equal(got, []string{"grease-7f3a", "X25519", "3bc-grease"}) {
		t.Fatalf("Types = %q", got)
	}
	if u := h.Unknown(); len(u) != 0 {
		t.Errorf("Unknown = %q, want none (grease)", u)
	}
	if h.X25519Count() != 1 || h.Passphrase() {
		t.Errorf("X25519Count = %d, Passphrase = %v", h.X25519Count(), h.Passphrase())
	}
	if g := h.Stanzas[0]; !slices.Equal(g.Args, []string{"12", "x"}) || len(g.Body) != 60 {
		t.Errorf("grease stanza parsed as %+v", g)
	}
	if !bytes.Equal(h.rawStanzas[2], []byte("-> 3bc-grease\n\n")) {
		t.Errorf("raw grease stanza %q", h.rawStanzas[2])
	}

	nid := newX25519(t)
	rw := rewrap(t, file, fk, nil, nid.Recipient())
	nh := mustHeader(t, rw)
	if got := nh.Types(); !slices.Equal(got, []string{"grease-7f3a", "X25519", "3bc-grease", "X25519"}) {
		t.Fatalf("rewrapped Types = %q", got)
	}
	if !bytes.HasPrefix(rw, file[:len(h.withoutMAC())-3]) {
		t.Error("kept stanzas are not byte-identical")
	}
	for _, who := range []*age.X25519Identity{id, nid} {
		if got := mustDecrypt(t, rw, who); !bytes.Equal(got, plain) {
			t.Error("rewrapped grease file: wrong plaintext")
		}
	}
}

func TestUnknownAndSSHTags(t *testing.T) {
	id := newX25519(t)
	file, _ := greaseFile(t, id, []byte("x"),
		"-> piv-p256 abcd QUJD\nZGVm\n",
		"-> mlkem768x25519 QUJD\nZGVm\n",
		"-> piv-p256 efgh QUJD\nZGVm\n",
		"-> ssh-ed25519 tag1 QUJD\nZGVm\n",
		"-> ssh-rsa tag2\nZGVm\n",
		"-> scrypt c2FsdA 18\nZGVm\n",
	)
	h := mustHeader(t, file)
	if u := h.Unknown(); !slices.Equal(u, []string{"piv-p256"}) {
		t.Errorf("Unknown = %q, want [piv-p256]", u)
	}
	ed, rsa := h.SSHTags()
	if !slices.Equal(ed, []string{"tag1"}) || !slices.Equal(rsa, []string{"tag2"}) {
		t.Errorf("SSHTags = %q, %q", ed, rsa)
	}
	if !h.Passphrase() || h.X25519Count() != 1 || h.HybridCount() != 1 {
		t.Errorf("Passphrase %v X25519Count %d HybridCount %d", h.Passphrase(), h.X25519Count(), h.HybridCount())
	}

	// Real ssh-ed25519 tag: base64 of the first 4 bytes of SHA-256 of the
	// SSH wire public key.
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	r, err := agessh.NewEd25519Recipient(sshPub)
	if err != nil {
		t.Fatal(err)
	}
	h = mustHeader(t, encrypt(t, []byte("x"), false, r, id.Recipient()))
	d := sha256.Sum256(sshPub.Marshal())
	ed, rsa = h.SSHTags()
	if want := base64.RawStdEncoding.EncodeToString(d[:4]); !slices.Equal(ed, []string{want}) || len(rsa) != 0 {
		t.Errorf("SSHTags = %q %q, want [%s]", ed, rsa, want)
	}
}

func TestNotAge(t *testing.T) {
	secret := "hunter2-s3cr3t-value"
	cases := []struct {
		name, input, mention string
		kind                 error
	}{
		{"empty", "", "empty", ErrNotAge},
		{"hello", "hello\n", "plain text", ErrNotAge},
		{"plaintext secret", secret + "\n", "plain text", ErrNotAge},
		{"sops yaml", "password: ENC[AES256_GCM,data:" + secret + ",type:str]\nsops:\n    age:\n        - recipient: age1xyz\n", "sops", ErrNotAge},
		{"sops json", `{"password": "ENC[AES256_GCM,data:` + secret + `]", "sops": {"age": []}}`, "sops", ErrNotAge},
		{"zeros", string(make([]byte, 4096)), "zero bytes", ErrNotAge},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00" + secret, "binary", ErrNotAge},
		{"identity", "# created: now\nAGE-SECRET-KEY-1" + secret + "\n", "identity", ErrNotAge},
		{"pem", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + secret + "\n", "OPENSSH PRIVATE KEY", ErrNotAge},
		{"future version", "age-encryption.org/v2\n-> X " + secret + "\n", "unsupported version", ErrNotAge},
		{"whitespace", "  \n\t\n", "whitespace", ErrNotAge},
		{"intro only", "age-encryption.org/v1", "intro", ErrTruncated},
		{"armor garbage", armor.Header + "\n" + "aGVsbG8gd29ybGQK\n" + armor.Footer + "\n", "armor does not contain", ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadHeader(strings.NewReader(c.input))
			if !errors.Is(err, c.kind) {
				t.Fatalf("got %v, want %v", err, c.kind)
			}
			if !strings.Contains(err.Error(), c.mention) {
				t.Errorf("error %q does not mention %q", err, c.mention)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "hello") {
				t.Errorf("error %q dumps content", err)
			}
			// Same classification through a file.
			p := filepath.Join(t.TempDir(), "f.age")
			if err := os.WriteFile(p, []byte(c.input), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadHeaderFile(p); !errors.Is(err, c.kind) || !strings.Contains(err.Error(), p) {
				t.Errorf("ReadHeaderFile: %v", err)
			}
		})
	}
}

func TestTruncatedHeader(t *testing.T) {
	id := newX25519(t)
	file, _ := greaseFile(t, id, []byte("payload"))
	h := mustHeader(t, file)
	for n := 1; n < int(h.PayloadOffset); n++ {
		_, err := ReadHeader(bytes.NewReader(file[:n]))
		if !errors.Is(err, ErrTruncated) {
			t.Fatalf("prefix of %d bytes: got %v, want ErrTruncated", n, err)
		}
		if _, ageErr := age.ExtractHeader(bytes.NewReader(file[:n])); ageErr == nil {
			t.Fatalf("age accepts a %d-byte prefix", n)
		}
	}
	// Armored: every cut inside the armored header is an error.
	arm := encrypt(t, []byte("payload"), true, id.Recipient(), newX25519(t).Recipient())
	ah := mustHeader(t, arm)
	armHdrLen := int(ah.PayloadOffset)/48*65 + len(armor.Header) // armored lines holding the header
	for n := 1; n < armHdrLen; n++ {
		if _, err := ReadHeader(bytes.NewReader(arm[:n])); err == nil {
			t.Fatalf("armored prefix of %d bytes parses", n)
		} else if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
			t.Fatalf("armored prefix of %d bytes: %v", n, err)
		}
	}
}

func TestMalformedLine(t *testing.T) {
	id := newX25519(t)
	file, _ := greaseFile(t, id, []byte("payload"))
	lines := strings.SplitAfter(string(file), "\n")
	cases := map[int]string{
		2: "-> grease-7f3a 12  x\n",         // empty argument
		3: "!!notbase64!!\n",                // body
		5: "-> X25519\r\n",                  // CR
		6: "--> X25519 abc\n",               // bad stanza prefix
		9: "--- " + strings.Repeat("A", 42), // MAC of the wrong size
	}
	for line, repl := range cases {
		l := slices.Clone(lines)
		if line == 9 {
			// The MAC line is line 9 of the grease file.
			if !strings.HasPrefix(l[line-1], "--- ") {
				t.Fatalf("line 8 is %q", l[line-1])
			}
			repl += "\n"
		}
		l[line-1] = repl
		bad := strings.Join(l, "")
		_, err := ReadHeader(strings.NewReader(bad))
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), fmt.Sprintf("line %d", line)) {
			t.Errorf("line %d %q: got %v, want ErrMalformed at line %d", line, repl, err, line)
		}
		if _, err := age.ExtractHeader(strings.NewReader(bad)); err == nil {
			t.Errorf("line %d: age accepts it", line)
		}
	}
}

func TestFlippedMAC(t *testing.T) {
	id := newX25519(t)
	for _, armored := range []bool{false, true} {
		file := encrypt(t, []byte("secret"), false, id.Recipient())
		h := mustHeader(t, file)
		bad := bytes.Clone(file)
		i := h.macStart + 4 // first MAC character
		if bad[i] == 'A' {
			bad[i] = 'B'
		} else {
			bad[i] = 'A'
		}
		if armored {
			var buf bytes.Buffer
			w := armor.NewWriter(&buf)
			w.Write(bad)
			w.Close()
			bad = buf.Bytes()
		}
		bh := mustHeader(t, bad)
		_, err := bh.UnwrapFileKey([]age.Identity{id})
		if !errors.Is(err, ErrBadHeaderMAC) {
			t.Fatalf("armored=%v: got %v, want ErrBadHeaderMAC", armored, err)
		}
		if _, err := decrypt(bad, id); err == nil || !strings.Contains(err.Error(), "bad header MAC") {
			t.Fatalf("age: %v", err)
		}
		// The right key of the unmodified file does not let Rewrap through.
		fk, err := h.UnwrapFileKey([]age.Identity{id})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := Rewrap(&out, bytes.NewReader(bad), fk, nil, []age.Recipient{id.Recipient()}); !errors.Is(err, ErrBadHeaderMAC) || out.Len() != 0 {
			t.Fatalf("Rewrap of a bad-MAC file: %v, %d bytes written", err, out.Len())
		}
		if err := Reencrypt(&out, bytes.NewReader(bad), []age.Identity{id}, []age.Recipient{id.Recipient()}, false); !errors.Is(err, ErrBadHeaderMAC) {
			t.Fatalf("Reencrypt of a bad-MAC file: %v", err)
		}
	}
}

func TestRewrapWrongKey(t *testing.T) {
	id := newX25519(t)
	file := encrypt(t, []byte("secret"), false, id.Recipient())
	var out bytes.Buffer
	err := Rewrap(&out, bytes.NewReader(file), make([]byte, 16), nil, []age.Recipient{newX25519(t).Recipient()})
	if !errors.Is(err, ErrBadHeaderMAC) || out.Len() != 0 {
		t.Fatalf("got %v with %d bytes written", err, out.Len())
	}
	if err := Rewrap(&out, bytes.NewReader(file), make([]byte, 32), nil, nil); err == nil {
		t.Fatal("32-byte file key accepted")
	}
}

func TestNoMatch(t *testing.T) {
	file := encrypt(t, []byte("secret"), false, newX25519(t).Recipient())
	h := mustHeader(t, file)
	_, err := h.UnwrapFileKey([]age.Identity{newX25519(t)})
	var nm *age.NoIdentityMatchError
	if !errors.As(err, &nm) || !slices.Equal(nm.StanzaTypes, []string{"X25519"}) || !strings.Contains(err.Error(), "X25519") {
		t.Fatalf("got %T %v", err, err)
	}
	if _, err := h.UnwrapFileKey(nil); err == nil {
		t.Fatal("no identities accepted")
	}
}

func TestTruncatedPayload(t *testing.T) {
	id := newX25519(t)
	plain := make([]byte, 200<<10)
	rand.Read(plain)
	file := encrypt(t, plain, false, id.Recipient())
	h := mustHeader(t, file)
	off := int(h.PayloadOffset)
	fk, err := h.UnwrapFileKey([]age.Identity{id})
	if err != nil {
		t.Fatal(err)
	}
	const enc = ChunkSize + TagSize
	for _, cut := range []int{
		off,                       // no payload
		off + 10,                  // inside the nonce
		off + NonceSize + 15,      // nonce and less than a tag
		off + NonceSize + enc + 7, // inside the second chunk's tag: impossible size
		off + NonceSize + enc,     // at a chunk boundary: possible size, bad last chunk
		off + NonceSize + enc + 16,
		len(file) - 1,
	} {
		tr := file[:cut]
		var out bytes.Buffer
		if err := Reencrypt(&out, bytes.NewReader(tr), []age.Identity{id}, []age.Recipient{id.Recipient()}, false); err == nil {
			t.Errorf("cut at %d: Reencrypt succeeded", cut)
		}
		shapeErr := CheckPayloadShape(int64(cut - off))
		out.Reset()
		rwErr := Rewrap(&out, bytes.NewReader(tr), fk, nil, []age.Recipient{newX25519(t).Recipient()})
		if (shapeErr == nil) != (rwErr == nil) {
			t.Errorf("cut at %d: shape %v but Rewrap %v", cut, shapeErr, rwErr)
		}
		if rwErr == nil {
			// Header-only: undetectable truncation is still caught at
			// decryption time.
			if _, err := decrypt(out.Bytes(), id); err == nil {
				t.Errorf("cut at %d: rewrapped truncated file decrypts", cut)
			}
		}
	}
}

func TestCheckPayloadShape(t *testing.T) {
	const enc = ChunkSize + TagSize
	for size, ok := range map[int64]bool{
		-1: false, 0: false, 16: false, 31: false,
		32:                        true, // empty plaintext
		33:                        true,
		NonceSize + enc:           true, // one full chunk
		NonceSize + enc + 1:       false,
		NonceSize + enc + 16:      false, // empty last chunk after a full one
		NonceSize + enc + 17:      true,
		NonceSize + 2*enc:         true,
		NonceSize + 2*enc + 16:    false,
		NonceSize + 1000*enc + 99: true,
	} {
		err := CheckPayloadShape(size)
		if (err == nil) != ok {
			t.Errorf("CheckPayloadShape(%d) = %v, want ok=%v", size, err, ok)
		}
		if err != nil && !errors.Is(err, ErrPayloadShape) {
			t.Errorf("CheckPayloadShape(%d) = %v, not ErrPayloadShape", size, err)
		}
	}
}

func TestRewrapArmorAndKeep(t *testing.T) {
	a, b := newX25519(t), newX25519(t)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	sshPub, _ := ssh.NewPublicKey(pub)
	sr, err := agessh.NewEd25519Recipient(sshPub)
	if err != nil {
		t.Fatal(err)
	}
	si, err := agessh.NewEd25519Identity(priv)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{0, 1, 47, 48, ChunkSize, ChunkSize + 1, 3*ChunkSize + 5} {
		for _, armored := range []bool{false, true} {
			plain := make([]byte, size)
			rand.Read(plain)
			file := encrypt(t, plain, armored, a.Recipient(), sr)
			h := mustHeader(t, file)
			if h.Armored != armored {
				t.Fatalf("Armored = %v", h.Armored)
			}
			fk, err := h.UnwrapFileKey([]age.Identity{si})
			if err != nil {
				t.Fatal(err)
			}
			rw := rewrap(t, file, fk, nil, b.Recipient())
			if isArmored(rw) != armored {
				t.Fatalf("size %d armored %v: armor not preserved", size, armored)
			}
			if !bytes.Equal(payloadOf(t, rw), payloadOf(t, file)) {
				t.Fatalf("size %d armored %v: payload changed", size, armored)
			}
			for _, id := range []age.Identity{a, b, si} {
				if got := mustDecrypt(t, rw, id); !bytes.Equal(got, plain) {
					t.Fatalf("size %d armored %v: wrong plaintext", size, armored)
				}
			}
			// keep drops the ssh stanza: the mechanics work (the ssh key no
			// longer opens this header), but this is not revocation.
			dropped := rewrap(t, file, fk, func(s *Stanza) bool { return s.Type != "ssh-ed25519" }, b.Recipient())
			if got := mustHeader(t, dropped).Types(); !slices.Equal(got, []string{"X25519", "X25519"}) {
				t.Fatalf("Types after drop = %q", got)
			}
			if _, err := decrypt(dropped, si); err == nil {
				t.Fatal("dropped ssh identity still opens the header")
			}
			// Rewrap with nothing added and everything kept re-creates the
			// same header bytes (same stanzas, same key, so same MAC).
			same := rewrap(t, file, fk, nil)
			if !bytes.Equal(deArmor(t, same), deArmor(t, file)) {
				t.Fatal("identity rewrap changed the file")
			}
		}
	}
}

func TestRewrapRefusals(t *testing.T) {
	a := newX25519(t)
	file := encrypt(t, []byte("x"), false, a.Recipient())
	fk, err := mustHeader(t, file).UnwrapFileKey([]age.Identity{a})
	if err != nil {
		t.Fatal(err)
	}
	hy := newHybrid(t)
	sc, err := age.NewScryptRecipient("pass")
	if err != nil {
		t.Fatal(err)
	}
	sc.SetWorkFactor(10)
	for name, c := range map[string]struct {
		add  []age.Recipient
		keep func(*Stanza) bool
		want string
	}{
		"pq to classic":      {add: []age.Recipient{hy.Recipient()}, want: "post-quantum"},
		"classic and pq":     {add: []age.Recipient{newX25519(t).Recipient(), hy.Recipient()}, want: "post-quantum"},
		"scrypt to X25519":   {add: []age.Recipient{sc}, want: "incompatible"},
		"drop everything":    {keep: func(*Stanza) bool { return false }, want: "no recipient stanza"},
		"invalid stanza arg": {add: []age.Recipient{badRecipient{}}, want: "invalid argument"},
	} {
		var out bytes.Buffer
		err := Rewrap(&out, bytes.NewReader(file), fk, c.keep, c.add)
		if !errContains(err, c.want) {
			t.Errorf("%s: got %v, want %q", name, err, c.want)
		}
		if out.Len() != 0 {
			t.Errorf("%s: %d bytes written on refusal", name, out.Len())
		}
	}
	// pq file: adding a hybrid recipient works, adding X25519 does not.
	pf := encrypt(t, []byte("pq"), false, hy.Recipient())
	pfk, err := mustHeader(t, pf).UnwrapFileKey([]age.Identity{hy})
	if err != nil {
		t.Fatal(err)
	}
	hy2 := newHybrid(t)
	if got := mustDecrypt(t, rewrap(t, pf, pfk, nil, hy2.Recipient()), hy2); string(got) != "pq" {
		t.Fatal("hybrid rewrap")
	}
	if err := Rewrap(io.Discard, bytes.NewReader(pf), pfk, nil, []age.Recipient{a.Recipient()}); !errContains(err, "post-quantum") {
		t.Fatalf("X25519 added to a pq file: %v", err)
	}
}

type badRecipient struct{}

func (badRecipient) Wrap([]byte) ([]*age.Stanza, error) {
	return []*age.Stanza{{Type: "bad", Args: []string{"has space"}}}, nil
}

func TestReencryptRemoves(t *testing.T) {
	a, b := newX25519(t), newX25519(t)
	for _, inArmor := range []bool{false, true} {
		for _, outArmor := range []bool{false, true} {
			plain := make([]byte, 2*ChunkSize+3)
			rand.Read(plain)
			file := encrypt(t, plain, inArmor, a.Recipient(), b.Recipient())
			var out bytes.Buffer
			if err := Reencrypt(&out, bytes.NewReader(file), []age.Identity{b}, []age.Recipient{a.Recipient()}, outArmor); err != nil {
				t.Fatal(err)
			}
			if isArmored(out.Bytes()) != outArmor {
				t.Fatal("armor not as asked")
			}
			if got := mustDecrypt(t, out.Bytes(), a); !bytes.Equal(got, plain) {
				t.Fatal("wrong plaintext")
			}
			if _, err := decrypt(out.Bytes(), b); err == nil {
				t.Fatal("removed recipient still decrypts")
			}
			nh, oh := mustHeader(t, out.Bytes()), mustHeader(t, file)
			if bytes.Equal(payloadOf(t, out.Bytes())[:NonceSize], payloadOf(t, file)[:NonceSize]) || bytes.Equal(nh.MAC, oh.MAC) {
				t.Fatal("Reencrypt reused the nonce or the file key")
			}
		}
	}
	// Label mixing is refused, as by age.Encrypt.
	file := encrypt(t, []byte("x"), false, a.Recipient())
	err := Reencrypt(io.Discard, bytes.NewReader(file), []age.Identity{a}, []age.Recipient{a.Recipient(), newHybrid(t).Recipient()}, false)
	if !errContains(err, "post-quantum") {
		t.Fatalf("mixed recipients: %v", err)
	}
}

func TestRewrapFile(t *testing.T) {
	a, b := newX25519(t), newX25519(t)
	dir := t.TempDir()
	for _, armored := range []bool{false, true} {
		plain := make([]byte, 5*ChunkSize+77)
		rand.Read(plain)
		file := encrypt(t, plain, armored, a.Recipient())
		srcPath := filepath.Join(dir, fmt.Sprintf("src-%v.age", armored))
		if err := os.WriteFile(srcPath, file, 0o600); err != nil {
			t.Fatal(err)
		}
		h, err := ReadHeaderFile(srcPath)
		if err != nil {
			t.Fatal(err)
		}
		fk, err := h.UnwrapFileKey([]age.Identity{a})
		if err != nil {
			t.Fatal(err)
		}
		src, err := os.Open(srcPath)
		if err != nil {
			t.Fatal(err)
		}
		src.Seek(123, io.SeekStart) // RewrapFile reads from the start anyway
		dst, err := os.Create(filepath.Join(dir, fmt.Sprintf("dst-%v.age", armored)))
		if err != nil {
			t.Fatal(err)
		}
		if err := RewrapFile(dst, src, fk, nil, []age.Recipient{b.Recipient()}); err != nil {
			t.Fatal(err)
		}
		src.Close()
		dst.Close()
		rw, err := os.ReadFile(dst.Name())
		if err != nil {
			t.Fatal(err)
		}
		if isArmored(rw) != armored || !bytes.Equal(payloadOf(t, rw), payloadOf(t, file)) {
			t.Fatal("armor or payload not preserved")
		}
		for _, id := range []age.Identity{a, b} {
			if got := mustDecrypt(t, rw, id); !bytes.Equal(got, plain) {
				t.Fatal("wrong plaintext")
			}
		}
	}
	// A truncated source is refused before anything is written.
	file := encrypt(t, make([]byte, 3*ChunkSize), false, a.Recipient())
	h := mustHeader(t, file)
	fk, _ := h.UnwrapFileKey([]age.Identity{a})
	p := filepath.Join(dir, "trunc.age")
	os.WriteFile(p, file[:int(h.PayloadOffset)+NonceSize+ChunkSize+TagSize+5], 0o600)
	src, _ := os.Open(p)
	defer src.Close()
	dst, _ := os.Create(filepath.Join(dir, "trunc-out.age"))
	defer dst.Close()
	if err := RewrapFile(dst, src, fk, nil, []age.Recipient{b.Recipient()}); !errors.Is(err, ErrPayloadShape) {
		t.Fatalf("truncated: %v", err)
	}
	if st, _ := dst.Stat(); st.Size() != 0 {
		t.Fatal("bytes written for a truncated source")
	}
}

func TestLimits(t *testing.T) {
	id := newX25519(t)
	for _, n := range []int{1023, 1024} {
		var extra []string
		for i := 0; i < n; i++ {
			extra = append(extra, "-> grease\n\n")
		}
		// greaseFile adds 3 stanzas of its own.
		if n == 1023 {
			extra = extra[:1021]
		}
		file, fk := greaseFile(t, id, []byte("x"), extra...)
		h, err := ReadHeader(bytes.NewReader(file))
		_, ageErr := age.ExtractHeader(bytes.NewReader(file))
		if n == 1023 {
			if err != nil || len(h.Stanzas) != 1024 || ageErr != nil {
				t.Fatalf("1024 stanzas: %v / age: %v", err, ageErr)
			}
			// Adding one more would exceed age's limit: refused.
			if err := Rewrap(io.Discard, bytes.NewReader(file), fk, nil, []age.Recipient{id.Recipient()}); !errContains(err, "limit") {
				t.Fatalf("Rewrap to 1025 stanzas: %v", err)
			}
		} else if !errors.Is(err, ErrMalformed) || ageErr == nil {
			t.Fatalf("1027 stanzas: %v / age: %v", err, ageErr)
		}
	}
	// Header over 2 MiB.
	big := "age-encryption.org/v1\n-> " + strings.Repeat("a", 3<<20) + "\n"
	if _, err := ReadHeader(strings.NewReader(big)); !errContains(err, "2 MiB") {
		t.Fatalf("3 MiB line: %v", err)
	}
}
