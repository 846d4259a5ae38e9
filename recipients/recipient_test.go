package recipients

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"os"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/edwards25519"
	"golang.org/x/crypto/ssh"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sshWire builds an SSH wire key: string type, then the given byte strings.
func sshWire(typ string, parts ...[]byte) []byte {
	var b []byte
	put := func(p []byte) {
		b = binary.BigEndian.AppendUint32(b, uint32(len(p)))
		b = append(b, p...)
	}
	put([]byte(typ))
	for _, p := range parts {
		put(p)
	}
	return b
}

// invalidPoint returns 32 bytes that decode to no point of edwards25519.
func invalidPoint(t testing.TB) []byte {
	for i := 0; i < 256; i++ {
		b := make([]byte, 32)
		b[0] = byte(i)
		b[1] = 0x42
		if _, err := new(edwards25519.Point).SetBytes(b); err != nil {
			return b
		}
	}
	t.Fatal("no invalid point found")
	return nil
}

func TestParseValid(t *testing.T) {
	ed := readTestdata(t, "ed25519.pub")
	rsa2048 := readTestdata(t, "rsa2048.pub")
	rsa4096 := readTestdata(t, "rsa4096.pub")
	xid, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	hid, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	yubi, err := bech32Encode("age1yubikey", []byte("\x02some-compressed-p256-point-bytes"))
	if err != nil {
		t.Fatal(err)
	}
	tag, err := bech32Encode("age1tag", make([]byte, 33))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		in      string
		kind    Kind
		text    string // canonical String(); "" = first two fields of in
		comment string
		plugin  string
	}{
		{"ed25519 .pub", ed, SSHEd25519, "", "throwaway@test", ""},
		{"ed25519 no comment", strings.Join(strings.Fields(ed)[:2], " "), SSHEd25519, "", "", ""},
		{"ed25519 extra whitespace", "  \t" + strings.Replace(ed, " ", "   ", -1) + "\n\n", SSHEd25519, "", "throwaway@test", ""},
		{"rsa 2048", rsa2048, SSHRSA, "", "throwaway-rsa2048@test", ""},
		{"rsa 4096", rsa4096, SSHRSA, "", "throwaway-rsa4096@test", ""},
		{"rsa generated", sshPubText(t, &testRSAKey(t).PublicKey), SSHRSA, "", "", ""},
		{"age X25519", xid.Recipient().String(), X25519, xid.Recipient().String(), "", ""},
		{"age X25519 upper case", strings.ToUpper(xid.Recipient().String()), X25519, xid.Recipient().String(), "", ""},
		{"age X25519 readFile", xid.Recipient().String() + "\n", X25519, xid.Recipient().String(), "", ""},
		{"age pq", hid.Recipient().String(), Hybrid, hid.Recipient().String(), "", ""},
		{"age plugin yubikey", yubi, AgePlugin, yubi, "", "yubikey"},
		{"age plugin tag", tag, AgePlugin, tag, "", "tag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			want := tc.text
			if want == "" {
				want = strings.Join(strings.Fields(tc.in)[:2], " ")
			}
			if r.Kind != tc.kind || r.String() != want || r.ID() != want || r.Comment != tc.comment || r.PluginName != tc.plugin {
				t.Errorf("Parse = {%v %q comment %q plugin %q}, want {%v %q %q %q}", r.Kind, r.String(), r.Comment, r.PluginName, tc.kind, want, tc.comment, tc.plugin)
			}
			again, err := Parse(r.String())
			if err != nil || !again.Equal(r) {
				t.Errorf("round trip: %v", err)
			}
			if r.IsSSH() {
				if !strings.HasPrefix(r.Fingerprint(), "SHA256:") || len(r.Tag()) != 6 {
					t.Errorf("fingerprint %q tag %q", r.Fingerprint(), r.Tag())
				}
			} else if r.Fingerprint() != "" || r.Tag() != "" {
				t.Errorf("non-SSH key has fingerprint %q tag %q", r.Fingerprint(), r.Tag())
			}
			ar, err := r.AgeRecipient()
			if (err == nil) == (r.Kind == AgePlugin) || (err == nil && ar == nil) {
				t.Errorf("AgeRecipient: %v", err)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	ed := strings.Fields(readTestdata(t, "ed25519.pub"))
	edWire, _ := base64.StdEncoding.DecodeString(ed[1])
	xid, _ := age.GenerateX25519Identity()
	xr := xid.Recipient().String()

	short, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	skWire := sshWire("sk-ssh-ed25519@openssh.com", edWire[len(edWire)-32:], []byte("ssh:"))
	badPoint := sshWire("ssh-ed25519", invalidPoint(t))
	rsaWire := ssh.MarshalAuthorizedKey(mustSSH(t, &testRSAKey(t).PublicKey))
	rsaB64 := strings.Fields(string(rsaWire))[1]
	badChecksum := xr[:len(xr)-1] + map[bool]string{true: "q", false: "p"}[xr[len(xr)-1] != 'q']
	unknownHRP, _ := bech32Encode("age1UPPER_bad!", make([]byte, 32))

	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "  \n", "empty key"},
		{"bad base64", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI!!!", "bad base64"},
		{"truncated key", "ssh-ed25519 " + base64.StdEncoding.EncodeToString(edWire[:30]), "ssh-ed25519 key"},
		{"no key data", "ssh-ed25519", "without key data"},
		{"wrong curve point", "ssh-ed25519 " + base64.StdEncoding.EncodeToString(badPoint), "not a valid curve point"},
		{"type mismatch", "ssh-ed25519 " + rsaB64, "key says ssh-ed25519 but its data is a ssh-rsa key"},
		{"short rsa", sshPubText(t, &short.PublicKey), "1024 bits is too short"},
		{"sk ed25519", "sk-ssh-ed25519@openssh.com " + base64.StdEncoding.EncodeToString(skWire) + " me@yubi", "security-key (FIDO)"},
		{"ecdsa", sshPubText(t, &ec.PublicKey), "ecdsa-sha2-nistp256 keys are not supported by age"},
		{"ecdsa testdata", readTestdata(t, "ecdsa.pub"), "not supported by age"},
		{"dss", "ssh-dss AAAAB3NzaC1kc3MAAACBAP", "not supported by age"},
		{"unknown type", "ssh-foo AAAA", `unknown key type "ssh-foo"`},
		{"garbage", "hello world", "not a public key"},
		{"age bad checksum", badChecksum, "invalid checksum"},
		{"age mixed case", "age1" + strings.ToUpper(xr[4:10]) + xr[10:], "mixed case"},
		{"age truncated", xr[:20], "age recipient"},
		{"age unknown prefix", unknownHRP, "age"},
		{"age short payload", mustBech32(t, "age", make([]byte, 16)), "age recipient"},
		{"age pq short payload", mustBech32(t, "age1pq", make([]byte, 16)), "post-quantum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want error", tc.in, r)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse(%q): %q, want it to contain %q", tc.in, err, tc.want)
			}
		})
	}
}

func mustSSH(t testing.TB, pub any) ssh.PublicKey {
	t.Helper()
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustBech32(t testing.TB, hrp string, data []byte) string {
	t.Helper()
	s, err := bech32Encode(hrp, data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// privateKeyTexts are private keys pasted where a public key belongs.
func privateKeyTexts(t *testing.T) map[string]string {
	_, edPriv := genEd25519(t)
	openssh, err := ssh.MarshalPrivateKey(edPriv, "oops")
	if err != nil {
		t.Fatal(err)
	}
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(testRSAKey(t))})
	pkcs8der, _ := x509.MarshalPKCS8PrivateKey(edPriv)
	pkcs8 := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8der})
	xid, _ := age.GenerateX25519Identity()
	return map[string]string{
		"openssh":        string(pem.EncodeToMemory(openssh)),
		"pkcs1":          string(pkcs1),
		"pkcs8":          string(pkcs8),
		"age identity":   xid.String(),
		"age lower case": strings.ToLower(xid.String()),
		"age key file":   "# created: 2024-01-01T00:00:00Z\n# public key: " + xid.Recipient().String() + "\n" + xid.String() + "\n",
	}
}

// secretChunks are the pieces of a private key text that must never be echoed.
func secretChunks(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "-----") || strings.HasPrefix(line, "#") {
			continue
		}
		for i := 0; i+12 <= len(line); i += 6 {
			out = append(out, line[i:i+12])
		}
	}
	return out
}

func assertNoSecret(t *testing.T, err error, text string) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	for _, c := range secretChunks(text) {
		if strings.Contains(msg, c) || strings.Contains(strings.ToLower(msg), strings.ToLower(c)) {
			t.Fatalf("error %q echoes private key text %q", msg, c)
		}
	}
}

func TestParsePrivateKeyRefused(t *testing.T) {
	for name, text := range privateKeyTexts(t) {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(text)
			if !errors.Is(err, ErrPrivateKey) {
				t.Errorf("Parse: %v, want ErrPrivateKey", err)
			}
			assertNoSecret(t, err, text)
			_, err = ParseList(text)
			if err == nil {
				t.Fatal("ParseList accepted a private key")
			}
			assertNoSecret(t, err, text)
			// Each line alone (a key split over lines, pasted partially).
			for _, line := range strings.Split(text, "\n") {
				if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
					continue
				}
				_, err := Parse(line)
				if err == nil {
					t.Fatalf("Parse accepted line %q", line)
				}
				assertNoSecret(t, err, text)
			}
		})
	}
}

func TestParseList(t *testing.T) {
	ed := readTestdata(t, "ed25519.pub")
	rsa := readTestdata(t, "rsa2048.pub")
	xid, _ := age.GenerateX25519Identity()
	text := "# host keys\n\n" + ed + "   \n" + rsa + "\r\n" + xid.Recipient().String() + "\n"
	rs, err := ParseList(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[0].Kind != SSHEd25519 || rs[1].Kind != SSHRSA || rs[2].Kind != X25519 {
		t.Fatalf("ParseList = %v", rs)
	}
	// builtins.readFile of a .pub: one key, trailing newline.
	if rs, err := ParseList(ed); err != nil || len(rs) != 1 {
		t.Errorf("ParseList(.pub) = %v, %v", rs, err)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "no key found"},
		{"# only a comment\n\n", "no key found"},
		{ed + "\nssh-ed25519 AAAA!\n", "line 3: ssh-ed25519 key: bad base64"},
	} {
		if _, err := ParseList(tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseList(%q): %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestIdentityByKeyMaterial(t *testing.T) {
	ed := strings.TrimSpace(readTestdata(t, "ed25519.pub"))
	f := strings.Fields(ed)
	variants := []string{
		ed,
		f[0] + " " + f[1],
		f[0] + " " + f[1] + " another comment",
		"\t" + f[0] + "\t\t" + f[1] + "  c  \n",
	}
	first, err := Parse(variants[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range variants[1:] {
		r, err := Parse(v)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Equal(first) || r.ID() != first.ID() || r.Fingerprint() != first.Fingerprint() {
			t.Errorf("%q is not Equal to %q", v, variants[0])
		}
	}
	other, _ := Parse(readTestdata(t, "rsa2048.pub"))
	if other.Equal(first) {
		t.Error("different keys are Equal")
	}
	xid, _ := age.GenerateX25519Identity()
	a, _ := Parse(xid.Recipient().String())
	b, _ := Parse(strings.ToUpper(xid.Recipient().String()))
	if !a.Equal(b) {
		t.Error("upper and lower case age recipients differ")
	}
	conv, err := first.ToAgeX25519()
	if err != nil {
		t.Fatal(err)
	}
	if conv.Equal(first) {
		t.Error("the ssh key and its age form are different recipients")
	}
}

func TestToAgeX25519Kinds(t *testing.T) {
	rsa, _ := Parse(readTestdata(t, "rsa2048.pub"))
	if _, err := rsa.ToAgeX25519(); err == nil {
		t.Error("ssh-rsa converted to X25519")
	}
	xid, _ := age.GenerateX25519Identity()
	x, _ := Parse(xid.Recipient().String())
	if got, err := x.ToAgeX25519(); err != nil || !got.Equal(x) {
		t.Errorf("X25519.ToAgeX25519 = %v, %v", got, err)
	}
	if _, err := AgeIdentityFromEd25519(make([]byte, 10)); err == nil {
		t.Error("short ed25519 private key accepted")
	}
}

func TestCheckFingerprint(t *testing.T) {
	r, _ := Parse(readTestdata(t, "ed25519.pub"))
	o, _ := Parse(readTestdata(t, "rsa2048.pub"))
	fp := r.Fingerprint()
	for _, ok := range []string{fp, fp + "=", " " + fp + "\n"} {
		if err := CheckFingerprint(r, ok); err != nil {
			t.Errorf("CheckFingerprint(%q): %v", ok, err)
		}
	}
	err := CheckFingerprint(r, o.Fingerprint())
	if !errors.Is(err, ErrFingerprintMismatch) || !strings.Contains(err.Error(), fp) || !strings.Contains(err.Error(), o.Fingerprint()) {
		t.Errorf("mismatch: %v", err)
	}
	for _, bad := range []string{"", "SHA256:", "SHA256:abc", "MD5:12:34", "16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", fp[7:]} {
		if err := CheckFingerprint(r, bad); err == nil || errors.Is(err, ErrFingerprintMismatch) {
			t.Errorf("CheckFingerprint(%q): %v, want a syntax error", bad, err)
		}
	}
	xid, _ := age.GenerateX25519Identity()
	x, _ := Parse(xid.Recipient().String())
	if err := CheckFingerprint(x, fp); err == nil {
		t.Error("age key checked against a fingerprint")
	}
}
