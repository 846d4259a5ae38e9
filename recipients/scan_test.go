package recipients

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nfrekey/nfrekey/internal/peer"
)

const testTimeout = 2 * time.Second

// hangGuard bounds a scan that must end on an answer, a refusal or its
// timeout: far above any of them on a loaded CI machine, it catches a
// scan that waits for nothing, never a slow one.
const hangGuard = 8 * time.Second

// answerTimeout is the timeout of a scan that must end on the server's
// answer: longer than hangGuard, so that one waiting for it is caught.
const answerTimeout = 30 * time.Second

func TestSplitHostPort(t *testing.T) {
	for _, tc := range []struct {
		in   string
		host string
		port int
		err  string
	}{
		{"web1", "web1", 22, ""},
		{"web1.example.org:2222", "web1.example.org", 2222, ""},
		{"127.0.0.1", "127.0.0.1", 22, ""},
		{"127.0.0.1:22", "127.0.0.1", 22, ""},
		{"[::1]:22", "::1", 22, ""},
		{"[::1]:2200", "::1", 2200, ""},
		{"[::1]", "::1", 22, ""},
		{"::1", "::1", 22, ""},
		{"fe80::1:2", "fe80::1:2", 22, ""},
		{"", "", 0, "empty host"},
		{":22", "", 0, "empty host"},
		{"[]:22", "", 0, "empty host"},
		{"web1:0", "", 0, "invalid port"},
		{"web1:65536", "", 0, "invalid port"},
		{"web1:ssh", "", 0, "invalid port"},
		{"web1:", "", 0, "invalid port"},
		{"[::1]x", "", 0, "after ']'"},
		{"[::1", "", 0, "missing ']'"},
		{"a:b:c", "", 0, "IPv6"},
		{"root@web1", "", 0, "invalid host"},
		{"web 1", "", 0, "invalid host"},
	} {
		h, p, err := SplitHostPort(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("SplitHostPort(%q) = %q, %d, %v; want error containing %q", tc.in, h, p, err, tc.err)
			}
			continue
		}
		if err != nil || h != tc.host || p != tc.port {
			t.Errorf("SplitHostPort(%q) = %q, %d, %v; want %q, %d", tc.in, h, p, err, tc.host, tc.port)
		}
	}
	if got := KnownHostsName("::1", 2200); got != "[::1]:2200" {
		t.Errorf("KnownHostsName = %q", got)
	}
	if got := KnownHostsName("web1", 22); got != "web1" {
		t.Errorf("KnownHostsName = %q", got)
	}
}

func TestScanSSHD(t *testing.T) {
	p, want := startSSHD(t, hostKeyEd25519)
	ctx := context.Background()
	res, err := Scan(ctx, p.Addr, ScanOptions{Timeout: testTimeout})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if !res.Recipient.Equal(want) || res.Recipient.Kind != SSHEd25519 {
		t.Fatalf("Scan = %s, want %s", res.Recipient, want)
	}
	if res.Host != "127.0.0.1" || res.Port != p.Port || res.Name() != fmt.Sprintf("[127.0.0.1]:%d", p.Port) {
		t.Errorf("result names %q %d %q", res.Host, res.Port, res.Name())
	}
	// The .pub written by GenerateHostKey is exactly what the server presents.
	pubFile, err := os.ReadFile(HostKeyPath(strings.TrimSuffix(p.Config, "/sshd_config")) + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Fields(string(pubFile))[1] != strings.Fields(res.Recipient.String())[1] {
		t.Errorf("scanned %s, .pub holds %s", res.Recipient, pubFile)
	}

	t.Run("expect-fingerprint", func(t *testing.T) {
		if _, err := Scan(ctx, p.Addr, ScanOptions{Timeout: testTimeout, ExpectFingerprint: want.Fingerprint()}); err != nil {
			t.Errorf("matching fingerprint: %v", err)
		}
		other, _ := genEd25519(t)
		o, _ := Parse(sshPubText(t, other))
		res, err := Scan(ctx, p.Addr, ScanOptions{Timeout: testTimeout, ExpectFingerprint: o.Fingerprint()})
		if !errors.Is(err, ErrFingerprintMismatch) || !strings.Contains(err.Error(), want.Fingerprint()) || !strings.Contains(err.Error(), o.Fingerprint()) {
			t.Errorf("mismatch: %v", err)
		}
		if !res.Recipient.Equal(want) {
			t.Errorf("the key should still be reported on mismatch")
		}
	})
	t.Run("known-hosts", func(t *testing.T) {
		name := KnownHostsName("127.0.0.1", p.Port)
		other, _ := genEd25519(t)
		good := name + " " + want.String() + "\n"
		bad := name + " " + sshPubText(t, other) + "\n"
		for _, tc := range []struct {
			file    string
			wantErr error
		}{
			{good, nil},
			{"", nil},                           // first use
			{"otherhost " + want.String(), nil}, // first use
			{bad, ErrFingerprintMismatch},
			{bad + good, nil}, // one of the listed keys matches
		} {
			kh, err := ParseKnownHosts(strings.NewReader(tc.file), "kh")
			if err != nil {
				t.Fatal(err)
			}
			_, err = Scan(ctx, p.Addr, ScanOptions{Timeout: testTimeout, KnownHosts: kh})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Errorf("known_hosts %q: %v, want %v", tc.file, err, tc.wantErr)
			}
		}
	})
	t.Run("ScanAll", func(t *testing.T) {
		refused := fmt.Sprintf("127.0.0.1:%d", freePort(t))
		addrs := []string{p.Addr, refused, p.Addr, "bad host"}
		res := ScanAll(ctx, addrs, ScanOptions{Timeout: testTimeout, Concurrency: 2})
		if len(res) != 4 {
			t.Fatalf("%d results", len(res))
		}
		for i, r := range res {
			if r.Addr != addrs[i] {
				t.Errorf("result %d is for %s, want %s", i, r.Addr, addrs[i])
			}
		}
		if res[0].Err != nil || res[2].Err != nil || !res[0].Recipient.Equal(want) {
			t.Errorf("sshd results: %v %v", res[0].Err, res[2].Err)
		}
		if !errors.Is(res[1].Err, ErrConnRefused) || res[3].Err == nil {
			t.Errorf("failures: %v, %v", res[1].Err, res[3].Err)
		}
	})
}

func TestSSHDAcceptsGeneratedKey(t *testing.T) {
	sshd := needSSHD(t)
	dir := t.TempDir()
	r := writeHostKey(t, dir)
	cfg := writeSSHDConfig(t, dir, freePort(t), HostKeyPath(dir))
	runPeer(t, nil, sshd, "-t", "-f", cfg)

	keygen := peer.Need(t, "ssh-keygen")
	out := runPeer(t, nil, keygen, "-y", "-f", HostKeyPath(dir))
	got, err := Parse(string(out))
	if err != nil || !got.Equal(r) {
		t.Errorf("ssh-keygen -y gives %q (%v), NewHostKey made %s", out, err, r)
	}
}

func TestScanNoEd25519(t *testing.T) {
	for _, kind := range []sshdHostKeyKind{hostKeyRSA, hostKeyECDSA} {
		t.Run(string(kind), func(t *testing.T) {
			p, _ := startSSHD(t, kind)
			start := time.Now()
			_, err := Scan(context.Background(), p.Addr, ScanOptions{Timeout: answerTimeout})
			if !errors.Is(err, ErrNoEd25519HostKey) {
				t.Fatalf("Scan: %v, want ErrNoEd25519HostKey", err)
			}
			if !strings.Contains(err.Error(), "offers no ssh-ed25519 host key") {
				t.Errorf("message: %v", err)
			}
			if want := map[sshdHostKeyKind]string{hostKeyRSA: "rsa-sha2", hostKeyECDSA: "ecdsa-sha2-nistp256"}[kind]; !strings.Contains(err.Error(), want) {
				t.Errorf("message should list what it offers (%s): %v", want, err)
			}
			if d := time.Since(start); d > hangGuard {
				t.Errorf("took %v: the answer did not end the scan", d)
			}
		})
	}
}

func TestScanRefused(t *testing.T) {
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	start := time.Now()
	res, err := Scan(context.Background(), addr, ScanOptions{Timeout: answerTimeout})
	if !errors.Is(err, ErrConnRefused) || !strings.Contains(err.Error(), "nothing listens") {
		t.Fatalf("Scan: %v", err)
	}
	var se *ScanError
	if !errors.As(err, &se) || se.Addr != addr || !strings.HasPrefix(err.Error(), addr+": ") {
		t.Errorf("error %q should be a *ScanError starting with the address", err)
	}
	if res.Err != err || res.Port == 0 {
		t.Errorf("result: %+v", res)
	}
	if d := time.Since(start); d > hangGuard {
		t.Errorf("refusal took %v: waited for a timeout instead", d)
	}
}

func TestScanIPv6Loopback(t *testing.T) {
	l, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	_, err = Scan(context.Background(), fmt.Sprintf("[::1]:%d", port), ScanOptions{Timeout: testTimeout})
	if !errors.Is(err, ErrConnRefused) {
		t.Errorf("Scan [::1]: %v", err)
	}
}

func TestScanStall(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve func(net.Conn)
		want  string
	}{
		{"silent", func(c net.Conn) { io.Copy(io.Discard, c) }, "waiting for the SSH banner"},
		{"banner-then-stall", func(c net.Conn) {
			c.Write([]byte("SSH-2.0-OpenSSH_9.2\r\n"))
			io.Copy(io.Discard, c)
		}, "during the SSH handshake"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := fakeServer(t, tc.serve)
			timeout := time.Second
			start := time.Now()
			_, err := Scan(context.Background(), addr, ScanOptions{Timeout: timeout})
			d := time.Since(start)
			if !errors.Is(err, ErrScanTimeout) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Scan: %v", err)
			}
			// Never before the timeout (that would fail a slow host); the
			// upper bound only catches a scan that ignores it.
			if d < timeout-50*time.Millisecond || d > hangGuard {
				t.Errorf("timed out after %v, want the %v timeout", d, timeout)
			}
		})
	}
	t.Run("context-cancel", func(t *testing.T) {
		addr := fakeServer(t, func(c net.Conn) { io.Copy(io.Discard, c) })
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(200*time.Millisecond, cancel)
		start := time.Now()
		_, err := Scan(ctx, addr, ScanOptions{Timeout: 10 * time.Second})
		if !errors.Is(err, context.Canceled) || time.Since(start) > hangGuard {
			t.Errorf("Scan after cancel: %v after %v", err, time.Since(start))
		}
	})
}

func TestScanNotSSH(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve func(net.Conn)
		want  string
		// waits: lines before the banner are allowed (RFC 4253 4.2), so a
		// server that keeps the connection open is only given up on at
		// the timeout.
		waits bool
	}{
		{"http", func(c net.Conn) {
			c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
			c.Close()
		}, `it sent "HTTP/1.1 400 Bad Request"`, false},
		{"http-keeps-open", func(c net.Conn) {
			c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
			io.Copy(io.Discard, c)
		}, `it sent "HTTP/1.1 400 Bad Request"`, true},
		{"garbage", func(c net.Conn) {
			c.Write([]byte("\x00\xff\x13garbage\n"))
			c.Close()
		}, `it sent "\x00\xff\x13garbage"`, false},
		{"closes", func(c net.Conn) { c.Close() }, "closed before any SSH banner", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := fakeServer(t, tc.serve)
			timeout := answerTimeout
			if tc.waits {
				timeout = testTimeout
			}
			start := time.Now()
			_, err := Scan(context.Background(), addr, ScanOptions{Timeout: timeout})
			if !errors.Is(err, ErrNotSSH) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Scan: %v; want ErrNotSSH with %q", err, tc.want)
			}
			if d := time.Since(start); d > hangGuard {
				t.Errorf("took %v: the answer did not end the scan", d)
			}
		})
	}
}
