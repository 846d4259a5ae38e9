package recipients

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// sshPubText is the authorized_keys line of a public key (no newline).
func sshPubText(t testing.TB, pub any) string {
	t.Helper()
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))
}

// writePrivate writes key in OpenSSH format (0600) and returns its path.
func writePrivate(t testing.TB, dir, name string, key any) string {
	t.Helper()
	block, err := ssh.MarshalPrivateKey(key, "test")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

var (
	rsaOnce sync.Once
	rsaKey  *rsa.PrivateKey
)

// testRSAKey is one 2048-bit RSA key shared by the tests (generation is slow).
func testRSAKey(t testing.TB) *rsa.PrivateKey {
	rsaOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		rsaKey = k
	})
	return rsaKey
}

// sshdPeer is a real OpenSSH sshd on 127.0.0.1, killed at cleanup.
type sshdPeer struct {
	Addr   string // 127.0.0.1:PORT
	Port   int
	Config string
	stderr *bytes.Buffer
}

// sshdHostKeyKind selects the host key an sshd test peer offers.
type sshdHostKeyKind string

const (
	hostKeyEd25519 sshdHostKeyKind = "ed25519"
	hostKeyRSA     sshdHostKeyKind = "rsa"
	hostKeyECDSA   sshdHostKeyKind = "ecdsa"
)

// writeSSHDConfig writes a minimal sshd_config under dir for the host keys
// and returns its path.
func writeSSHDConfig(t testing.TB, dir string, port int, hostKeys ...string) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "ListenAddress 127.0.0.1:%d\n", port)
	for _, k := range hostKeys {
		fmt.Fprintf(&b, "HostKey %s\n", k)
	}
	b.WriteString(`PidFile none
UsePAM no
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile none
StrictModes no
LogLevel VERBOSE
`)
	cfg := filepath.Join(dir, "sshd_config")
	if err := os.WriteFile(cfg, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// needSSHD returns the absolute path of sshd (re-exec needs it) and makes
// sure its privilege separation directory exists.
func needSSHD(t testing.TB) string {
	t.Helper()
	p := peer.Need(t, "sshd")
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
		peer.Missing(t, "sshd needs /run/sshd: "+err.Error())
	}
	return abs
}

// startSSHD starts sshd with one host key of the given kind. For ed25519 the
// key comes from NewHostKey (so sshd proves it accepts our keys) and
// its public half is returned.
func startSSHD(t *testing.T, kind sshdHostKeyKind) (*sshdPeer, Recipient) {
	t.Helper()
	sshd := needSSHD(t)
	dir := t.TempDir()
	var keyPath string
	var pub Recipient
	switch kind {
	case hostKeyEd25519:
		keyPath, pub = HostKeyPath(dir), writeHostKey(t, dir)
	case hostKeyRSA:
		keyPath = writePrivate(t, dir, "ssh_host_rsa_key", testRSAKey(t))
	case hostKeyECDSA:
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		keyPath = writePrivate(t, dir, "ssh_host_ecdsa_key", k)
	}
	port := freePort(t)
	cfg := writeSSHDConfig(t, dir, port, keyPath)
	p := &sshdPeer{Addr: fmt.Sprintf("127.0.0.1:%d", port), Port: port, Config: cfg, stderr: &bytes.Buffer{}}
	cmd := exec.Command(sshd, "-D", "-e", "-f", cfg)
	cmd.Stderr = &lockedWriter{w: p.stderr}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting sshd: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
		if t.Failed() {
			t.Logf("sshd stderr:\n%s", p.stderr)
		}
	})
	// Ready once it accepts connections and sends its banner.
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-done:
			t.Fatalf("sshd exited early: %s", p.stderr)
		default:
		}
		c, err := net.DialTimeout("tcp", p.Addr, time.Second)
		if err == nil {
			c.SetDeadline(time.Now().Add(2 * time.Second))
			buf := make([]byte, 4)
			_, rerr := c.Read(buf)
			c.Close()
			if rerr == nil && string(buf) == "SSH-" {
				return p, pub
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshd did not come up on %s: %s", p.Addr, p.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// freePort returns a TCP port free on 127.0.0.1 a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// fakeServer listens on 127.0.0.1 and runs serve for each connection.
func fakeServer(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() { defer wg.Done(); serve(c) }()
		}
	}()
	return l.Addr().String()
}

func genEd25519(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// runPeer runs an oracle program and returns its stdout.
func runPeer(t testing.TB, stdin []byte, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

func writeFile(t testing.TB, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}
