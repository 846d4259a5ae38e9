package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/creack/pty"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/sshage"
)

// sshKey is an ed25519 key as a rules file and -i take it.
type sshKey struct {
	authorized string
	private    []byte // OpenSSH PEM
	recip      age.Recipient
}

func newSSHKey(t *testing.T) sshKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	blk, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := sshage.NewRecipient(sp)
	if err != nil {
		t.Fatal(err)
	}
	return sshKey{authorized: strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp))), private: pem.EncodeToMemory(blk), recip: r}
}

// fleetOf writes a repo of n secrets encrypted to a, declared for a and
// b: every one is stale (+b), a header rewrap each.
func fleetOf(t *testing.T, n int) (dir, identity string) {
	t.Helper()
	dir = t.TempDir()
	a, b := newSSHKey(t), newSSHKey(t)
	identity = filepath.Join(dir, "id_a")
	if err := os.WriteFile(identity, a.private, 0o600); err != nil {
		t.Fatal(err)
	}
	var rules strings.Builder
	fmt.Fprintf(&rules, "let\n  a = %q;\n  b = %q;\nin\n{\n", a.authorized, b.authorized)
	os.Mkdir(filepath.Join(dir, "secrets"), 0o755)
	for i := range n {
		name := fmt.Sprintf("secrets/s%04d.age", i)
		var buf bytes.Buffer
		w, err := age.Encrypt(&buf, a.recip)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "secret %d\n", i)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&rules, "  %q.publicKeys = [ a b ];\n", name)
	}
	rules.WriteString("}\n")
	if err := os.WriteFile(filepath.Join(dir, "secrets.nix"), []byte(rules.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, identity
}

// onPty runs nfrekey in-process with stdout and stderr on two ptys and
// returns what each terminal received.
func onPty(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	outM, outS, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	errM, errS, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	var outB, errB bytes.Buffer
	done := make(chan struct{}, 2)
	drain := func(dst *bytes.Buffer, m *os.File) {
		_, _ = io.Copy(dst, m) // ends with EIO once the slave is closed
		done <- struct{}{}
	}
	go drain(&outB, outM)
	go drain(&errB, errM)
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	tio := fileIO(null, outS, errS, func(k string) string { return env[k] })
	code = run(context.Background(), tio, args)
	outS.Close()
	errS.Close()
	<-done
	<-done
	outM.Close()
	errM.Close()
	return code, outB.String(), errB.String()
}

var barRE = regexp.MustCompile(`(opening|writing|renaming)\s*\S*\s*\|[^|]*\|\s*\((\d+)/(\d+)`)

// TestTerminalProgressAndColour: on a terminal, a rekey of a few hundred
// files shows a bar that moves through opening, writing and renaming
// (not only the renames), and a coloured plan; with NO_COLOR the plan is
// plain, and the bar still shows.
func TestTerminalProgressAndColour(t *testing.T) {
	const n = 300
	dir, id := fleetOf(t, n)
	code, out, errOut := onPty(t, nil, "--repo", dir, "--rules", filepath.Join(dir, "secrets.nix"), "-i", id, "-j", "2", "rekey")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%q", code, out, errOut)
	}
	seen := map[string]map[int]bool{}
	for _, m := range barRE.FindAllStringSubmatch(errOut, -1) {
		if m[3] != strconv.Itoa(3*n) {
			t.Fatalf("bar total %s, want %d: %q", m[3], 3*n, m[0])
		}
		c, _ := strconv.Atoi(m[2])
		if seen[m[1]] == nil {
			seen[m[1]] = map[int]bool{}
		}
		seen[m[1]][c] = true
	}
	for _, phase := range []string{"opening", "writing", "renaming"} {
		// Many distinct positions in each phase: the bar moves during
		// it, rather than jumping once.
		if len(seen[phase]) < n/10 {
			t.Errorf("phase %s: %d distinct bar positions, want >= %d", phase, len(seen[phase]), n/10)
		}
	}
	if !strings.Contains(out, "\x1b[33m~\x1b[0m") || !strings.Contains(out, "\x1b[32m+b\x1b[0m") {
		t.Errorf("plan on a terminal not coloured: %q", firstLines(out, 2))
	}
	if !strings.Contains(out, fmt.Sprintf("rekeyed %d, unchanged 0, failed 0", n)) {
		t.Errorf("no summary: %q", lastLines(out, 2))
	}
	// The plan goes to stdout only: no plan line on the stderr terminal.
	if strings.Contains(errOut, "secrets/s0000.age") {
		t.Error("plan line on stderr")
	}

	// NO_COLOR: plain plan on the terminal; the dry run's bar counts the
	// openings only.
	dir, id = fleetOf(t, 50)
	code, out, errOut = onPty(t, map[string]string{"NO_COLOR": "1"}, "--repo", dir, "-i", id, "rekey", "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: exit %d: %q", code, errOut)
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("NO_COLOR: escape codes on stdout: %q", firstLines(out, 2))
	}
	if !strings.Contains(out, "~ secrets/s0000.age  +b  rewrap") {
		t.Errorf("dry-run plan: %q", firstLines(out, 2))
	}
	if m := barRE.FindAllStringSubmatch(errOut, -1); len(m) == 0 || m[len(m)-1][3] != "50" || m[len(m)-1][1] != "opening" {
		t.Errorf("dry-run bar: %q", errOut)
	}

	// --no-color too.
	_, out, _ = onPty(t, nil, "--repo", dir, "-i", id, "--no-color", "rekey", "--dry-run")
	if strings.Contains(out, "\x1b[") {
		t.Errorf("--no-color: escape codes on stdout: %q", firstLines(out, 2))
	}
}

func firstLines(s string, n int) string {
	l := strings.SplitN(s, "\n", n+1)
	return strings.Join(l[:min(n, len(l))], "\n")
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}
