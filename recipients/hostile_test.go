package recipients

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"filippo.io/edwards25519"

	"github.com/nfrekey/nfrekey/internal/readlimit"
)

// An order-8 point as the ed25519 small-order blocklists (libsodium's)
// write it: a vector from outside this package's arithmetic.
const order8Hex = "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"

// torsionPoints returns the 8 points of the small-order subgroup, the
// multiples of the order-8 point.
func torsionPoints(t *testing.T) []*edwards25519.Point {
	b, _ := hex.DecodeString(order8Hex)
	t8, err := new(edwards25519.Point).SetBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	id := edwards25519.NewIdentityPoint()
	if new(edwards25519.Point).MultByCofactor(t8).Equal(id) != 1 {
		t.Fatal("the order-8 vector is not of small order")
	}
	pts := []*edwards25519.Point{edwards25519.NewIdentityPoint()}
	for i := 1; i < 8; i++ {
		pts = append(pts, new(edwards25519.Point).Add(pts[i-1], t8))
	}
	if new(edwards25519.Point).Add(pts[7], t8).Equal(id) != 1 {
		t.Fatal("[8]T8 is not the identity")
	}
	return pts
}

func edLine(point []byte) string {
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(sshWire("ssh-ed25519", point))
}

// nonCanonical returns encodings SetBytes accepts that are not what Bytes
// writes: y+p for small y, and the sign bit set on x = 0.
func nonCanonical(t *testing.T) [][]byte {
	var out [][]byte
	for y := 0; y < 19; y++ {
		b := make([]byte, 32)
		// p = 2^255-19: little-endian ed ff .. ff 7f; y+p adds y to the low byte.
		b[0] = byte(0xed + y)
		for i := 1; i < 31; i++ {
			b[i] = 0xff
		}
		b[31] = 0x7f
		if 0xed+y > 0xff { // carry: p+y >= 2^255 only for y >= 19
			t.Fatal("unexpected carry")
		}
		if _, err := new(edwards25519.Point).SetBytes(b); err == nil {
			out = append(out, b)
		}
	}
	negZero := make([]byte, 32)
	negZero[0], negZero[31] = 1, 0x80 // y = 1, x = 0 with the sign bit: "-0"
	out = append(out, negZero)
	if len(out) < 2 {
		t.Fatal("no non-canonical encodings found")
	}
	return out
}

func TestParseRefusesCraftedEd25519(t *testing.T) {
	ed := strings.Fields(readTestdata(t, "ed25519.pub"))
	edWire, _ := base64.StdEncoding.DecodeString(ed[1])
	good, err := new(edwards25519.Point).SetBytes(edWire[len(edWire)-32:])
	if err != nil {
		t.Fatal(err)
	}
	type tc struct{ name, in, want string }
	var cases []tc
	for i, p := range torsionPoints(t) {
		cases = append(cases, tc{"torsion point " + string(rune('0'+i)), edLine(p.Bytes()), "low-order point"})
		mixed := new(edwards25519.Point).Add(good, p)
		if i > 0 {
			cases = append(cases, tc{"real key plus torsion " + string(rune('0'+i)), edLine(mixed.Bytes()), "small-order component"})
		}
	}
	for i, b := range nonCanonical(t) {
		cases = append(cases, tc{"non-canonical " + string(rune('a'+i)), edLine(b), "non-canonical point encoding"})
	}
	vec, _ := hex.DecodeString(order8Hex)
	cases = append(cases, tc{"blocklist vector", edLine(vec), "low-order point"})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(c.in)
			if err == nil {
				t.Fatalf("accepted %v", r)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("%q, want it to say %q", err, c.want)
			}
			// known_hosts reaches the same check.
			kh, _ := ParseKnownHosts(strings.NewReader("web1 "+c.in+"\n"), "kh")
			if _, err := kh.Lookup("web1", 22); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("known_hosts: %v, want %q", err, c.want)
			}
		})
	}
	// The real key itself is still accepted: the checks refuse only the crafted.
	if _, err := Parse(strings.Join(ed, " ")); err != nil {
		t.Fatal(err)
	}
}

func TestParseRefusesMalformedBlobs(t *testing.T) {
	ed := strings.Fields(readTestdata(t, "ed25519.pub"))
	edWire, _ := base64.StdEncoding.DecodeString(ed[1])
	point := edWire[len(edWire)-32:]
	rsaB64 := strings.Fields(readTestdata(t, "rsa2048.pub"))[1]
	rsaWire, _ := base64.StdEncoding.DecodeString(rsaB64)
	enc := base64.StdEncoding.EncodeToString
	for _, c := range []struct{ name, in, want string }{
		{"rsa blob on an ed25519 line", "ssh-ed25519 " + rsaB64, "key says ssh-ed25519 but its data is a ssh-rsa key"},
		{"ecdsa blob on an ed25519 line", "ssh-ed25519 " + strings.Fields(readTestdata(t, "ecdsa.pub"))[1], "its data is a ecdsa-sha2-nistp256 key"},
		{"binary junk as the blob type", "ssh-ed25519 " + enc(sshWire("\x00\xff\x01", point)), "its data is not an SSH public key"},
		{"blob of 3 bytes", "ssh-ed25519 " + enc([]byte{0, 0, 0}), "its data is truncated (3 bytes"},
		{"blob type length past the end", "ssh-ed25519 " + enc([]byte{0xff, 0xff, 0xff, 0xff, 's'}), "its data is truncated"},
		{"ed25519 key field missing", "ssh-ed25519 " + enc(sshWire("ssh-ed25519")), "ssh-ed25519 key: its data is truncated"},
		{"ed25519 key of 31 bytes", "ssh-ed25519 " + enc(sshWire("ssh-ed25519", point[:31])), "31 bytes of key, want 32"},
		{"ed25519 key of 33 bytes", "ssh-ed25519 " + enc(sshWire("ssh-ed25519", append(append([]byte{}, point...), 0))), "33 bytes of key, want 32"},
		{"ed25519 trailing bytes", "ssh-ed25519 " + enc(append(append([]byte{}, edWire...), 1, 2, 3)), "3 trailing bytes after the key data"},
		{"ed25519 trailing empty string", "ssh-ed25519 " + enc(append(append([]byte{}, edWire...), 0, 0, 0, 0)), "4 trailing bytes"},
		{"rsa fields under the ed25519 name", "ssh-ed25519 " + enc(sshWire("ssh-ed25519", []byte{1, 0, 1}, rsaWire[len(rsaWire)-257:])), "3 bytes of key, want 32"},
		{"rsa trailing bytes", "ssh-rsa " + enc(append(append([]byte{}, rsaWire...), 9)), "1 trailing bytes after the key data"},
		{"rsa missing modulus", "ssh-rsa " + enc(sshWire("ssh-rsa", []byte{1, 0, 1})), "ssh-rsa key: its data is truncated"},
		{"over-long line", "ssh-ed25519 " + strings.Repeat("A", MaxKeyLine), "longer than the 16384 any public key needs"},
		{"over-long private key", "-----BEGIN OPENSSH PRIVATE KEY----- " + strings.Repeat("b", MaxKeyLine), "this is a private key"},
		{"over-long comment", strings.Join(ed, " ") + " " + strings.Repeat("c", MaxKeyLine), "longer than the"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(c.in)
			if err == nil {
				t.Fatalf("accepted %v", r)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") || strings.Contains(msg, "short read") {
				t.Fatalf("%q, want one line saying %q", msg, c.want)
			}
			if len(msg) > 300 {
				t.Fatalf("error of %d bytes echoes the input", len(msg))
			}
			if _, err := ParseList("# keys\n\n" + c.in + "\n"); err == nil || !strings.HasPrefix(err.Error(), "line 3: ") {
				t.Fatalf("ParseList: %v, want the line named", err)
			}
		})
	}
}

// endless is a reader that never ends, as /dev/zero or a runaway pipe:
// its pattern over and over.
type endless struct {
	pattern string
	off     int
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.pattern[e.off]
		e.off = (e.off + 1) % len(e.pattern)
	}
	return len(p), nil
}

func TestFileInputsRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "key.pub")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 2<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	zero := "/dev/zero"
	if _, err := os.Stat(zero); err != nil {
		t.Skipf("no /dev/zero: %v", err)
	}
	readers := []struct {
		name string
		read func(string) error
	}{
		{"ReadHostKeyFile", func(p string) error { _, err := ReadHostKeyFile(p); return err }},
		{"ReadPrivateKeyFile", func(p string) error { _, err := ReadPrivateKeyFile(p, nil); return err }},
		{"ReadKnownHostsFile", func(p string) error { _, err := ReadKnownHostsFile(p); return err }},
	}
	for _, rd := range readers {
		for _, c := range []struct {
			path string
			want error
		}{{fifo, readlimit.ErrNotRegular}, {zero, readlimit.ErrNotRegular}, {dir, readlimit.ErrNotRegular}} {
			t.Run(rd.name+" "+c.path, func(t *testing.T) {
				// A blocking open would hang here until the test binary's timeout.
				err := rd.read(c.path)
				if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.path) {
					t.Fatalf("%v, want %v naming the file", err, c.want)
				}
			})
		}
	}
	for _, rd := range readers[:2] {
		if err := rd.read(big); !errors.Is(err, readlimit.ErrTooLarge) || !strings.Contains(err.Error(), "1 MiB") {
			t.Errorf("%s of 2 MiB: %v, want too large", rd.name, err)
		}
	}
	// Readers that are not files (stdin for --pubkey -, a piped known_hosts) are bounded too.
	if _, err := ReadHostKey(&endless{pattern: "\n"}); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("endless .pub: %v", err)
	}
	if _, err := ParseKnownHosts(&endless{pattern: "# " + strings.Repeat("x", 4000) + "\n"}, "kh"); !errors.Is(err, readlimit.ErrTooLarge) {
		t.Errorf("endless known_hosts of comments: %v", err)
	}
	if _, err := ParseKnownHosts(io.LimitReader(&endless{pattern: "\x00"}, 3<<20), "kh"); err == nil || !strings.Contains(err.Error(), "line too long") {
		t.Errorf("known_hosts of zeros: %v", err)
	}
}
