package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/internal/plugintest"
)

// The command line with a plugin master identity (the YubiKey model, with
// the test plugin): a secret created for the plugin recipient, rekeyed
// with the plugin identity when a host is added, audit exact; and, with
// a PIN to give and no terminal, a clear failure that writes nothing.
func TestPluginIdentityCLI(t *testing.T) {
	bin := plugintest.Build(t)
	t.Setenv("PATH", plugintest.PathWith(bin))
	t.Setenv("HOME", t.TempDir())
	t.Setenv("RULES", "")
	t.Setenv("NFRTEST_PIN", "")
	k := plugintest.NewKey(t)
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	idFile := filepath.Join(dir, "yubikey.txt")
	os.WriteFile(idFile, []byte("# test token\n"+k.Identity+"\n"), 0o600)
	other := plugintest.NewKey(t) // a second "host", also a plugin recipient
	rules := func(keys string) {
		src := fmt.Sprintf("let master = %q; host = %q; in {\n  \"db.age\".publicKeys = [ %s ];\n}\n", k.Recipient, other.Recipient, keys)
		os.WriteFile(filepath.Join(dir, "secrets.nix"), []byte(src), 0o644)
	}
	nfrekey := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), &IO{In: strings.NewReader(stdin), Out: &out, Err: &errb}, append([]string{"--repo", dir}, args...))
		return code, out.String(), errb.String()
	}
	rules("master")
	if code, out, errs := nfrekey("s3cret\n", "edit", filepath.Join(dir, "db.age")); code != 0 || out != "+ db.age\n" {
		t.Fatalf("edit: exit %d\n%s%s", code, out, errs)
	}
	rules("master host")
	if code, out, _ := nfrekey("", "audit", "--strict"); code != 1 || !strings.Contains(out, "stale") {
		t.Fatalf("audit after adding host: exit %d\n%s", code, out)
	}

	// The plugin asks a PIN and there is no terminal: exit 2, nothing written.
	t.Setenv("NFRTEST_PIN", "0000")
	before, _ := os.ReadFile(filepath.Join(dir, "db.age"))
	code, _, errs := nfrekey("", "rekey", "-i", idFile)
	if code != 2 || !strings.Contains(errs, `age-plugin-nfrtest asks "Enter PIN for nfrtest token:": the plugin needs to ask something and no terminal is available`) {
		t.Fatalf("rekey without a terminal: exit %d\n%s", code, errs)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "db.age")); !bytes.Equal(before, after) {
		t.Fatal("db.age changed")
	}

	t.Setenv("NFRTEST_PIN", "")
	if code, out, errs := nfrekey("", "rekey", "-i", idFile); code != 0 || !strings.Contains(out, "rekeyed 1, unchanged 0, failed 0") {
		t.Fatalf("rekey: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := nfrekey("", "audit", "--strict"); code != 0 {
		t.Fatalf("audit after rekey: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := nfrekey("", "rekey", "-i", idFile); code != 0 || !strings.Contains(out, "rekeyed 0, unchanged 1") {
		t.Fatalf("second rekey: exit %d\n%s", code, out)
	}
	// The other "host" opens the result: encrypted to it as written.
	hostID := filepath.Join(dir, "host.txt")
	os.WriteFile(hostID, []byte(other.Identity+"\n"), 0o600)
	if code, out, errs := nfrekey("", "decrypt", "-i", hostID, filepath.Join(dir, "db.age")); code != 0 || out != "s3cret\n" {
		t.Fatalf("decrypt as the host: exit %d %q %s", code, out, errs)
	}
}
