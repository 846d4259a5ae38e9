package reliability

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/crypto/ssh"
)

// badInput is one malformed input: setup damages a copy of the base
// fleet (dir) and returns the command to run; every command must end with
// exit 2, one line on stderr, no crash trace, within runTimeout, and the
// repo tree unchanged.
type badInput struct {
	name  string
	setup func(t *testing.T, f *fleet, dir string) [][]string
}

// TestBadInputCorpus runs the corpus of malformed rules, age files, keys
// and identity files.
func TestBadInputCorpus(t *testing.T) {
	base := newFleet(t, 4, 3, 2, "bad-input-marker")
	// One stale secret, so that rekey plans (and must open) a file.
	base.model["secrets/s00000.age"]["host2"] = true
	base.writeRules()
	cases := badInputs(t, base)
	if len(cases) < 120 {
		t.Fatalf("corpus has %d inputs, want at least 120", len(cases))
	}
	runs := 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, base.dir, dir)
			cmds := c.setup(t, base, dir)
			before := treeHash(t, dir)
			for _, args := range cmds {
				r := run(t, dir, args...)
				runs++
				what := strings.Join(args, " ")
				noCrashTrace(t, what, r)
				if r.code != 2 {
					t.Errorf("%s: exit %d, want 2\nstdout: %s\nstderr: %s", what, r.code, r.stdout, r.stderr)
				}
				checkErrorLines(t, what, r.stderr)
				if after := treeHash(t, dir); after != before {
					t.Errorf("%s: the repo tree changed", what)
				}
				if left := temps(t, dir); len(left) != 0 {
					t.Errorf("%s: temps left: %v", what, left)
				}
			}
		})
	}
	t.Logf("malformed inputs: %d, runs: %d", len(cases), runs)
}

// checkErrorLines: the error is one line (a run that refuses a planned
// file names it on a line of its own, then says nothing was written), each
// in the contract's form, "nfrekey: ..." or "FILE:LINE:COL: ...".
func checkErrorLines(t *testing.T, what, stderr string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	if len(lines) > 2 || lines[0] == "" {
		t.Errorf("%s: stderr has %d lines, want one error (and a summary):\n%s", what, len(lines), stderr)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "nfrekey: ") && !fileLineCol.MatchString(l) {
			t.Errorf("%s: stderr line not an error line: %q", what, l)
		}
	}
}

var fileLineCol = regexp.MustCompile(`^[^ ]+:[0-9]+:[0-9]+: `)

// badInputs builds the corpus against the base fleet f.
func badInputs(t *testing.T, f *fleet) []badInput {
	var cases []badInput
	rulesText := string(f.rulesText())
	// Broken rules: each runs audit (read-only) and rekey (mutating).
	rules := func(name, text string) {
		cases = append(cases, badInput{name: "rules/" + name, setup: func(t *testing.T, g *fleet, dir string) [][]string {
			writeFile(t, filepath.Join(dir, "secrets.nix"), []byte(text))
			return [][]string{g.argsIn(dir, "audit"), g.argsIn(dir, "rekey")}
		}})
	}
	for name, text := range map[string]string{
		"empty":              "",
		"open-brace":         "{",
		"close-brace":        "}",
		"let-in":             "let in",
		"missing-value":      "{ a = ; }",
		"missing-semicolon":  `{ "a.age".publicKeys = [ ] }`,
		"unterminated-str":   `{ "a.age.publicKeys = [ ]; }`,
		"unterminated-cmt":   "/* {}",
		"unterminated-list":  `{ "a.age".publicKeys = [ "x" ; }`,
		"stray-token":        "{ } }",
		"bad-attr":           "{ 1 = 2; }",
		"double-dot":         `{ a..b = 1; }`,
		"binary":             "\x00\x01\x02\xff\xfe{",
		"invalid-utf8":       "{ \"\xc3\x28.age\".publicKeys = [ ]; ",
		"nul-in-string":      "{ \"a\x00.age\".publicKeys = [ ]; ",
		"not-attrset-int":    "42",
		"not-attrset-list":   "[ ]",
		"not-attrset-string": `"secrets"`,
		"function":           "{ pkgs, ... }: { }",
		"lambda":             "x: x",
		"publicKeys-string":  `{ "a.age".publicKeys = "ssh-ed25519 AAAA"; }`,
		"publicKeys-int":     `{ "a.age".publicKeys = [ 1 ]; }`,
		"publicKeys-missing": `{ "a.age" = { }; }`,
		"publicKeys-attrset": `{ "a.age".publicKeys = { }; }`,
		"entry-not-attrset":  `{ "a.age" = 1; }`,
		"invalid-key":        `{ "a.age".publicKeys = [ "not a key" ]; }`,
		"invalid-key-b64":    `{ "a.age".publicKeys = [ "ssh-ed25519 !!!!" ]; }`,
		"invalid-age1":       `{ "a.age".publicKeys = [ "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq" ]; }`,
		"undefined-var":      `{ "a.age".publicKeys = [ nobody ]; }`,
		"duplicate-attr":     `{ "a.age".publicKeys = [ ]; "a.age".publicKeys = [ ]; }`,
		"infinite-rec":       "let x = x; in x",
		"rec-function":       "let f = n: f (n + 1); in f 0",
		"throw":              `throw "no"`,
		"abort":              `abort "no"`,
		"assert":             "assert false; { }",
		"div-zero":           "{ x = 1 / 0; }",
		"type-error":         `{ "a.age".publicKeys = [ (1 + "a") ]; }`,
		"import-missing":     "import ./missing.nix",
		"import-outside":     "import /etc/passwd",
		"readfile-dev-zero":  "{ x = builtins.readFile /dev/zero; }",
		"readfile-outside":   `{ "a.age".publicKeys = [ (builtins.readFile /etc/hostname) ]; }`,
		"getenv":             `{ "a.age".publicKeys = [ (builtins.getEnv "HOME") ]; }`,
		"path-escape":        `{ "../outside.age".publicKeys = [ ]; }`,
		"absolute-path":      `{ "/etc/shadow".publicKeys = [ ]; }`,
		"deep-lists":         strings.Repeat("[", 200000) + strings.Repeat("]", 200000),
		"deep-parens":        strings.Repeat("(", 200000) + "1" + strings.Repeat(")", 200000),
		"deep-attrsets":      strings.Repeat("{ a = ", 100000) + "1" + strings.Repeat("; }", 100000),
		"deep-lets":          strings.Repeat("let a = 1; in ", 100000) + "a",
		"huge":               "{ " + strings.Repeat("# padding padding padding padding\n", 600000) + "x = 1; ",
		"huge-string":        `{ x = "` + strings.Repeat("a", 17<<20) + `"; }`,
		"long-line":          "{ " + strings.Repeat("a", 5<<20),
		"rules-then-garbage": rulesText + "}",
		"rules-cut-half":     rulesText[:len(rulesText)/2],
	} {
		rules(name, text)
	}
	// Cuts of the real rules inside each string literal and each list.
	for i, n := 0, 0; i < len(rulesText) && n < 16; i++ {
		if rulesText[i] == '[' || (rulesText[i] == '"' && strings.Count(rulesText[:i], `"`)%2 == 0) {
			rules(fmt.Sprintf("cut-%d", i+1), rulesText[:i+1])
			n++
		}
	}
	// Special files as --rules or as secrets.nix.
	special := func(name string, make func(t *testing.T, path string)) {
		cases = append(cases, badInput{name: "rules-file/" + name, setup: func(t *testing.T, g *fleet, dir string) [][]string {
			p := filepath.Join(dir, "secrets.nix")
			os.Remove(p)
			make(t, p)
			return [][]string{g.argsIn(dir, "audit"), g.argsIn(dir, "rekey"), g.argsIn(dir, "--rules", p, "audit")}
		}})
	}
	special("fifo", mkfifo)
	special("dev-zero", symlinkTo("/dev/zero"))
	special("dev-urandom", symlinkTo("/dev/urandom"))
	special("directory", func(t *testing.T, p string) { os.Mkdir(p, 0o755) })
	special("symlink-outside", symlinkTo("/etc/passwd"))
	special("dangling-symlink", symlinkTo("/nonexistent/secrets.nix"))
	for _, dev := range []string{"/dev/zero", "/dev/null", "/dev/urandom", "/proc/self/mem", "/nonexistent.nix"} {
		cases = append(cases, badInput{name: "rules-flag" + strings.ReplaceAll(dev, "/", "-"), setup: func(t *testing.T, g *fleet, dir string) [][]string {
			return [][]string{g.argsIn(dir, "--rules", dev, "audit"), g.argsIn(dir, "--rules", dev, "rekey")}
		}})
	}

	// Damaged age files, in a planned change: rekey must refuse them all.
	good, err := os.ReadFile(filepath.Join(f.dir, "secrets/s00000.age"))
	if err != nil {
		t.Fatal(err)
	}
	ageFile := func(name string, damage func(t *testing.T, path string)) {
		cases = append(cases, badInput{name: "age/" + name, setup: func(t *testing.T, g *fleet, dir string) [][]string {
			p := filepath.Join(dir, "secrets/s00000.age")
			os.Remove(p)
			damage(t, p)
			return [][]string{g.argsIn(dir, "rekey")}
		}})
	}
	content := func(data []byte) func(t *testing.T, p string) {
		return func(t *testing.T, p string) { writeFile(t, p, data) }
	}
	hdrEnd := bytes.Index(good, []byte("\n---")) + 1
	macEnd := hdrEnd + bytes.IndexByte(good[hdrEnd:], '\n') + 1
	flip := func(i int) []byte { b := bytes.Clone(good); b[i] ^= 0x01; return b }
	ageFile("empty", content(nil))
	ageFile("bad-magic", content(append([]byte("age-encryption.org/v2\n"), good[22:]...)))
	ageFile("magic-only", content([]byte("age-encryption.org/v1\n")))
	ageFile("not-age", content([]byte("just some text\n")))
	ageFile("armor-garbage", content([]byte("-----BEGIN AGE ENCRYPTED FILE-----\n!!!!\n-----END AGE ENCRYPTED FILE-----\n")))
	ageFile("armor-unterminated", content([]byte("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n")))
	ageFile("no-mac-line", content(good[:hdrEnd]))
	ageFile("bad-mac", content(flip(hdrEnd+5)))
	ageFile("mac-short", content(append(append(bytes.Clone(good[:hdrEnd]), "--- AAAA\n"...), good[macEnd:]...)))
	ageFile("stanza-body-flip", content(flip(hdrEnd-10)))
	ageFile("stanza-tag-flip", content(flip(bytes.Index(good, []byte("ssh-ed25519 "))+13)))
	ageFile("no-payload", content(good[:macEnd]))
	ageFile("nonce-cut", content(good[:macEnd+8]))
	ageFile("payload-cut", content(good[:len(good)-5]))
	ageFile("payload-flip", content(flip(len(good)-3)))
	ageFile("payload-extra", content(append(bytes.Clone(good), 0)))
	ageFile("huge-header-line", content(append([]byte("age-encryption.org/v1\n-> X25519 "), bytes.Repeat([]byte("A"), 3<<20)...)))
	ageFile("many-stanzas", content(append([]byte("age-encryption.org/v1\n"), bytes.Repeat([]byte("-> x\n\n"), 400000)...)))
	ageFile("long-stanza-body", content(append([]byte("age-encryption.org/v1\n-> x\n"), bytes.Repeat([]byte(strings.Repeat("A", 64)+"\n"), 60000)...)))
	ageFile("bad-base64-body", content(bytes.Replace(good, []byte("\n"), []byte("\n!"), 2)))
	ageFile("crlf", content(bytes.ReplaceAll(good[:macEnd], []byte("\n"), []byte("\r\n"))))
	ageFile("nul-bytes", content(make([]byte, 4096)))
	ageFile("directory", func(t *testing.T, p string) { os.Mkdir(p, 0o755) })
	ageFile("fifo", mkfifo)
	ageFile("dev-zero", symlinkTo("/dev/zero"))
	ageFile("symlink-outside", symlinkTo("/etc/passwd"))
	ageFile("not-for-us", func(t *testing.T, p string) {
		// A well-formed file to a key no identity of the run holds.
		other := f.newKey("stranger-" + randHex(2))
		out, err := exec.Command("age", "-e", "-r", other.pub, "-o", p, "/dev/null").CombinedOutput()
		if err != nil {
			t.Fatalf("age: %v: %s", err, out)
		}
	})

	// Keys given to add-host.
	lowOrder := sshKeyLine("ssh-ed25519", ed25519Blob(make([]byte, 32))) // the all-zero point: low order
	one := make([]byte, 32)
	one[0] = 1 // the identity point, encoded
	rsaPub, _ := ssh.ParsePublicKey(rsaBlobForTest(t))
	for name, k := range map[string]string{
		"empty":           "",
		"garbage":         "garbage",
		"type-only":       "ssh-ed25519",
		"bad-base64":      "ssh-ed25519 %%%%",
		"truncated-blob":  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMjTNfQ3l0K9mMDWtY",
		"low-order-zero":  lowOrder,
		"low-order-one":   sshKeyLine("ssh-ed25519", ed25519Blob(one)),
		"short-point":     sshKeyLine("ssh-ed25519", ed25519Blob(make([]byte, 31))),
		"rsa-under-ed":    "ssh-ed25519 " + base64.StdEncoding.EncodeToString(rsaPub.Marshal()),
		"type-mismatch":   "ssh-rsa " + strings.Fields(f.keys["host0"].pub)[1],
		"dss":             "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
		"age1-bad-sum":    "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gp",
		"age1-short":      "age1abc",
		"age-secret":      "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
		"newline-in-key":  f.keys["host0"].pub + "\nssh-ed25519 AAAA",
		"private-pem":     "-----BEGIN OPENSSH PRIVATE KEY-----",
		"trailing-binary": strings.Fields(f.keys["host0"].pub)[0] + " " + strings.Fields(f.keys["host0"].pub)[1] + "\x01\x02\xff",
	} {
		cases = append(cases, badInput{name: "key/" + name, setup: func(t *testing.T, g *fleet, dir string) [][]string {
			return [][]string{g.argsIn(dir, "add-host", "newhost", "--key", k, "--secret", "secrets/*")}
		}})
	}
	pubFile := func(name string, make func(t *testing.T, p string)) {
		cases = append(cases, badInput{name: "pubkey-file/" + name, setup: func(t *testing.T, g *fleet, dir string) [][]string {
			p := filepath.Join(t.TempDir(), "key.pub")
			make(t, p)
			return [][]string{g.argsIn(dir, "add-host", "newhost", "--pubkey", p, "--secret", "secrets/*")}
		}})
	}
	pubFile("fifo", mkfifo)
	pubFile("dev-zero", symlinkTo("/dev/zero"))
	pubFile("huge", func(t *testing.T, p string) { writeFile(t, p, bytes.Repeat([]byte("A"), 3<<20)) })
	pubFile("low-order", func(t *testing.T, p string) { writeFile(t, p, []byte(lowOrder+"\n")) })
	pubFile("private-key", func(t *testing.T, p string) {
		data, _ := os.ReadFile(f.op.privPEM)
		writeFile(t, p, data)
	})

	// Identity files: the run must decrypt the stale secret, and only the
	// bad identity is given.
	identity := func(name string, make func(t *testing.T, p string)) {
		cases = append(cases, badInput{name: "identity/" + name, setup: func(t *testing.T, g *fleet, dir string) [][]string {
			p := filepath.Join(t.TempDir(), "id")
			make(t, p)
			return [][]string{{"--repo", dir, "-i", p, "rekey"}}
		}})
	}
	identity("dev-zero", symlinkTo("/dev/zero"))
	identity("dev-urandom", symlinkTo("/dev/urandom"))
	identity("fifo", mkfifo)
	identity("directory", func(t *testing.T, p string) { os.Mkdir(p, 0o700) })
	identity("missing", func(t *testing.T, p string) {})
	identity("empty", content(nil))
	identity("garbage", content([]byte("garbage\n")))
	identity("binary", content([]byte{0, 1, 2, 3, 0xff}))
	identity("huge", content(bytes.Repeat([]byte("# comment\n"), 300000)))
	identity("public-key", func(t *testing.T, p string) { writeFile(t, p, []byte(f.op.pub+"\n")) })
	identity("pem-truncated", func(t *testing.T, p string) {
		data, _ := os.ReadFile(f.op.privPEM)
		writeFile(t, p, data[:len(data)/2])
	})
	identity("pem-bad-magic", func(t *testing.T, p string) {
		data, _ := os.ReadFile(f.op.privPEM)
		data[bytes.IndexByte(data, '\n')+3] ^= 0x04 // inside "openssh-key-v1\0"
		writeFile(t, p, data)
	})
	identity("pem-no-footer", func(t *testing.T, p string) {
		data, _ := os.ReadFile(f.op.privPEM)
		writeFile(t, p, bytes.Replace(data, []byte("-----END OPENSSH PRIVATE KEY-----"), nil, 1))
	})
	identity("age-bad-secret", content([]byte("AGE-SECRET-KEY-1QQQQ\n")))
	identity("age-bad-checksum", content([]byte("AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZAAAAAA\n")))
	identity("not-for-us", func(t *testing.T, p string) {
		// A valid key of no recipient: nothing planned can be opened.
		k := f.newKey("nobody-" + randHex(2))
		data, _ := os.ReadFile(k.privPEM)
		writeFile(t, p, data)
	})
	cases = append(cases, sopsInputs()...)
	return cases
}

// sopsInputs are broken .sops.yaml files and sops files, beside the age
// fleet: a sops file made by sops 3.13.3 (reencrypt/sopsfile's fixture,
// with its test key) is damaged, or its governing config is. audit must
// refuse them (exit 2), and so must a rekey, before writing anything.
func sopsInputs() []badInput {
	fixture := func(t *testing.T, name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "..", "reencrypt", "sopsfile", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	recipient := "age1cdzd6l3ndg3kc3n3ezkwq0nry4h3lky3w75wk9sfqs9fazghxv5sfru62k" // the fixture key's
	goodConfig := "creation_rules:\n  - path_regex: sops/.*\n    age: " + recipient + "\n"
	var cases []badInput
	add := func(name string, config string, secret func(t *testing.T) []byte) {
		cases = append(cases, badInput{name: "sops/" + name, setup: func(t *testing.T, g *fleet, dir string) [][]string {
			writeFile(t, filepath.Join(dir, ".sops.yaml"), []byte(config))
			os.MkdirAll(filepath.Join(dir, "sops"), 0o755)
			writeFile(t, filepath.Join(dir, "sops", "app.yaml"), secret(t))
			return [][]string{g.argsIn(dir, "audit"), g.argsIn(dir, "rekey")}
		}})
	}
	good := func(t *testing.T) []byte { return fixture(t, "secret.yaml") }
	for name, config := range map[string]string{
		"config-not-yaml":     "creation_rules: [\n",
		"config-bad-regex":    "creation_rules:\n  - path_regex: \"(\"\n    age: " + recipient + "\n",
		"config-bad-key":      "creation_rules:\n  - path_regex: sops/.*\n    age: age1notakey\n",
		"config-rules-scalar": "creation_rules: 42\n",
		"config-binary":       "\x00\x01\xff",
	} {
		add(name, config, good)
	}
	for name, damage := range map[string]func([]byte) []byte{
		"file-truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"file-bad-lastmodified": func(b []byte) []byte {
			return regexp.MustCompile(`lastmodified: .*`).ReplaceAll(b, []byte(`lastmodified: "not a time"`))
		},
		"file-sops-not-map": func(b []byte) []byte {
			if i := bytes.Index(b, []byte("\nsops:")); i >= 0 {
				return append(b[:i+1:i+1], []byte("sops: 7\n")...)
			}
			return b
		},
	} {
		add(name, goodConfig, func(t *testing.T) []byte { return damage(fixture(t, "secret.yaml")) })
	}
	return cases
}

// argsIn is args for a run on the copy dir of the fleet.
func (f *fleet) argsIn(dir string, cmd ...string) []string {
	return append([]string{"--repo", dir, "-i", f.op.privPEM}, cmd...)
}

func mkfifo(t *testing.T, p string) {
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

func symlinkTo(target string) func(t *testing.T, p string) {
	return func(t *testing.T, p string) {
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t *testing.T, p string, data []byte) {
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func sshKeyLine(typ string, blob []byte) string {
	return typ + " " + base64.StdEncoding.EncodeToString(blob)
}

// ed25519Blob is the SSH wire form of an ssh-ed25519 key with point p.
func ed25519Blob(p []byte) []byte {
	var b bytes.Buffer
	for _, field := range [][]byte{[]byte("ssh-ed25519"), p} {
		b.Write([]byte{0, 0, 0, byte(len(field))})
		b.Write(field)
	}
	return b.Bytes()
}

// rsaBlobForTest is the wire form of a small throw-away RSA public key.
func rsaBlobForTest(t *testing.T) []byte {
	// e = 65537, n = a fixed 1024-bit odd number: only its shape matters.
	n := bytes.Repeat([]byte{0xc5}, 128)
	var b bytes.Buffer
	for _, field := range [][]byte{[]byte("ssh-rsa"), {1, 0, 1}, append([]byte{0}, n...)} {
		b.Write([]byte{0, 0, 0, byte(len(field))})
		b.Write(field)
	}
	return b.Bytes()
}

// copyTree copies the regular files, directories and symlinks of src
// into dst, keeping modes and modification times.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case fi.IsDir():
			if err := os.MkdirAll(to, fi.Mode().Perm()); err != nil {
				return err
			}
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			return os.Symlink(target, to)
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if err := os.WriteFile(to, data, fi.Mode().Perm()); err != nil {
				return err
			}
			return os.Chtimes(to, fi.ModTime(), fi.ModTime())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
