package reliability

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// marker is in every plaintext of the traced fleet; as strace -xx prints
// a buffer, it is this hex-escaped string.
const marker = "NFREKEY-PLAINTEXT-MARKER"

func hexEscaped(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, `\x%02x`, s[i])
	}
	return b.String()
}

// unescape decodes strace -xx's \xNN escapes (it escapes paths too).
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			if v, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// writeCall is one traced write: the file descriptor's path (strace -y)
// and whether its buffer held the marker.
var writeCall = regexp.MustCompile(`^\d+\s+(write|pwrite64|writev|pwritev|pwritev2)\(\d+<([^>]*)>`)

// traceWrites runs argv under strace and returns the writes to regular
// files (paths, not pipes, sockets or terminals) and those among them
// whose buffer holds the marker.
func traceWrites(t *testing.T, dir string, argv ...string) (toFiles int, leaks []string, code int, output string) {
	t.Helper()
	strace := peer.Need(t, "strace")
	out := filepath.Join(t.TempDir(), "trace")
	args := append([]string{"-f", "-y", "-xx", "-s", "4194304", "-o", out,
		"-e", "trace=write,pwrite64,writev,pwritev,pwritev2"}, argv...)
	cmd := exec.Command(strace, args...)
	cmd.Dir = dir
	outb, err := cmd.CombinedOutput()
	output = string(outb)
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("strace: %v: %s", err, output)
	}
	if strings.Contains(output, "PTRACE_TRACEME") || strings.Contains(output, "ptrace(PTRACE") {
		peer.Missing(t, "strace cannot trace here: "+output)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<20), 64<<20)
	needle := hexEscaped(marker)
	for sc.Scan() {
		m := writeCall.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		path := unescape(m[2])
		if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "/dev/") {
			continue
		}
		toFiles++
		if strings.Contains(sc.Text(), needle) {
			leaks = append(leaks, path)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return toFiles, leaks, code, output
}

// TestNoPlaintextOnDisk traces the add-host, rekey (additions, removals,
// --force) and remove-host cycle: no write to a regular file carries a
// plaintext's marker. A control run (age -d -o FILE) shows the trace
// would catch one.
func TestNoPlaintextOnDisk(t *testing.T) {
	f := newFleetAt(t, t.TempDir(), 20, 4, 2, marker, 100<<10) // two chunks each
	ageBin := peer.Need(t, "age")
	out := filepath.Join(t.TempDir(), "plain")
	n, leaks, code, _ := traceWrites(t, f.dir, ageBin, "-d", "-i", f.op.privPEM, "-o", out, "secrets/s00000.age")
	if code != 0 || n == 0 || len(leaks) == 0 {
		t.Fatalf("control: age -d -o FILE: exit %d, %d file writes, %d with the marker; the trace would miss a leak", code, n, len(leaks))
	}

	newHost := f.newKey("traced")
	steps := []struct {
		name string
		edit func()
		args []string
	}{
		{"add-host", nil, []string{"add-host", "traced", "--key", newHost.pub, "--secret", "secrets/*"}},
		{"rekey-add", func() {
			for s := range f.model {
				f.model[s]["host3"] = true
			}
			f.writeRules()
		}, []string{"rekey"}},
		{"rekey-remove", func() { f.removeFromAll("host0") }, []string{"rekey"}},
		{"rekey-force", nil, []string{"rekey", "--force"}},
		{"rekey-rotate", nil, []string{"rekey", "--rotate"}},
		{"remove-host", nil, []string{"remove-host", "traced", "--yes"}},
	}
	total := 0
	for _, st := range steps {
		if st.edit != nil {
			st.edit()
		}
		// -v: the most a run says, traced as well.
		n, leaks, code, output := traceWrites(t, f.dir, append([]string{binary(t), "-v"}, f.args(st.args...)...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", st.name, code, output)
		}
		if len(leaks) != 0 {
			t.Fatalf("%s: %d writes to files carry plaintext: %v", st.name, len(leaks), leaks)
		}
		total += n
		f.adopt(f.rulesOnDisk())
		f.checkAll()
	}
	t.Logf("traced writes to regular files: %d, carrying plaintext: 0", total)
}

// TestNoSecretInOutput: no plaintext, and no private key, reaches stdout
// or stderr of any command at any verbosity, JSON included.
func TestNoSecretInOutput(t *testing.T) {
	f := newFleet(t, 6, 3, 2, marker)
	priv, _ := os.ReadFile(f.op.privPEM)
	var secretBits []string
	for _, l := range strings.Split(string(priv), "\n") {
		if len(l) > 20 && !strings.HasPrefix(l, "-----") {
			secretBits = append(secretBits, l)
		}
	}
	secretBits = append(secretBits, marker, "PRIVATE KEY", "AGE-SECRET-KEY")
	k := f.newKey("shown")
	f.model["secrets/s00001.age"]["host2"] = true
	f.writeRules()
	runs := 0
	for _, cmd := range [][]string{
		{"ls"}, {"ls", "--json"}, {"audit"}, {"audit", "--format", "json"}, {"rules", "--json"},
		{"rekey", "--dry-run"}, {"rekey"}, {"rekey", "--force", "--json"},
		{"add-host", "shown", "--key", k.pub, "--secret", "secrets/*", "--dry-run"},
		{"add-host", "shown", "--key", k.pub, "--secret", "secrets/*", "--json"},
		{"remove-host", "shown", "--yes"},
		{"add-host", "x", "--from-private-key", f.op.privPEM, "--secret", "secrets/*", "--dry-run"},
	} {
		for _, v := range [][]string{nil, {"-v"}, {"-v", "-v"}} {
			r := run(t, f.dir, append(append(v, "--repo", f.dir, "-i", f.op.privPEM), cmd...)...)
			runs++
			for _, bit := range secretBits {
				if strings.Contains(r.stdout+r.stderr, bit) {
					t.Errorf("%v %v: output holds secret material %q", v, cmd, bit)
				}
			}
		}
	}
	t.Logf("runs checked: %d", runs)
}
