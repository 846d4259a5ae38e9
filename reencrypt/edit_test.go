package reencrypt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"filippo.io/age"
	"filippo.io/age/plugin"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/peer"
	"github.com/nfrekey/nfrekey/internal/plugintest"
	"github.com/nfrekey/nfrekey/internal/txn"
)

// writeRules writes secrets.nix binding each key by name, and the secrets
// each with the named keys.
func writeRules(t *testing.T, dir string, keys map[string]string, secrets map[string][]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("let\n")
	for n, k := range keys {
		fmt.Fprintf(&b, "  %s = %q;\n", n, k)
	}
	b.WriteString("in\n{\n")
	for s, ns := range secrets {
		fmt.Fprintf(&b, "  %q.publicKeys = [ %s ];\n", s, strings.Join(ns, " "))
	}
	b.WriteString("}\n")
	p := filepath.Join(dir, "secrets.nix")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func openWith(t *testing.T, path string, ids ...age.Identity) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, ids...)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, _ := io.ReadAll(r)
	return string(b)
}

// Secrets encrypted to a plugin recipient (a YubiKey's, here the test
// plugin's) are rekeyed with the plugin identity: its PIN is asked once
// for the run, the results are encrypted to the plugin recipient as
// written (age -d with the plugin identity opens them) and to the added
// host, a second run asks nothing, and audit proves the sets exactly.
func TestPluginRekeyAndEdit(t *testing.T) {
	bin := plugintest.Build(t)
	t.Setenv("PATH", plugintest.PathWith(bin))
	t.Setenv("NFRTEST_PIN", "4321")
	k := plugintest.NewKey(t)
	web1 := newSSHHost(t, "web1")
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	idFile := filepath.Join(dir, "yubikey.txt")
	os.WriteFile(idFile, []byte(k.Identity+"\n"), 0o600)

	pr, err := plugin.NewRecipient(k.Recipient, &plugin.ClientUI{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.age", "b.age"} {
		var buf bytes.Buffer
		w, _ := age.Encrypt(&buf, pr)
		io.WriteString(w, "value of "+name)
		w.Close()
		os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
	}
	rules := writeRules(t, dir, map[string]string{"master": k.Recipient, "web1": web1.text},
		map[string][]string{"a.age": {"master", "web1"}, "b.age": {"master", "web1"}, "c.age": {"master"}})

	var asked atomic.Int32
	load := func() *identity.Set {
		ids, err := identity.Load(identity.Options{Files: []string{idFile}, Plugin: identity.PluginUI{
			Request: func(name, prompt string, secret bool) (string, error) { asked.Add(1); return "4321", nil },
		}})
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	ctx := context.Background()
	res, err := Rekey(ctx, RekeyOptions{RepoRoot: dir, RulesFile: rules, Identities: load(), Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rekeyed != 2 || asked.Load() != 1 {
		t.Fatalf("rekeyed %d (want 2), PIN asked %d times (want 1)", res.Rekeyed, asked.Load())
	}
	for _, name := range []string{"a.age", "b.age"} {
		if got := openWith(t, filepath.Join(dir, name), web1.id...); got != "value of "+name {
			t.Errorf("%s with web1: %q", name, got)
		}
	}
	if agePath, err := exec.LookPath("age"); err == nil {
		// The oracle: age itself, through the same plugin, asking nothing.
		cmd := exec.Command(agePath, "-d", "-i", idFile, filepath.Join(dir, "a.age"))
		cmd.Env = append(os.Environ(), "NFRTEST_PIN=")
		out, err := cmd.CombinedOutput()
		if err != nil || string(out) != "value of a.age" {
			t.Errorf("age -d with the plugin identity: %v %q", err, out)
		}
	} else {
		peer.Missing(t, "age is not installed: the plugin recipient is not checked by age -d")
	}

	asked.Store(0)
	res, err = Rekey(ctx, RekeyOptions{RepoRoot: dir, RulesFile: rules, Identities: load()})
	if err != nil || res.Rekeyed != 0 || asked.Load() != 0 {
		t.Fatalf("second run: rekeyed %d, asked %d, %v", res.Rekeyed, asked.Load(), err)
	}
	inv, err := Audit(ctx, AuditOptions{RepoRoot: dir, RulesFile: rules})
	if err != nil {
		t.Fatal(err)
	}
	st := statuses(inv)
	if st["a.age"] != "ok + -" || st["b.age"] != "ok + -" || st["c.age"] != "missing + -" {
		t.Fatalf("audit: %v", st)
	}

	// edit creates c.age for the plugin recipient (no PIN needed to encrypt).
	asked.Store(0)
	ed, err := OpenSecret(ctx, EditOptions{RepoRoot: dir, RulesFile: rules, Path: filepath.Join(dir, "c.age")})
	if err != nil {
		t.Fatal(err)
	}
	if ed.Exists() {
		t.Fatal("c.age exists")
	}
	ids := load()
	sr, err := ed.Save(ctx, []byte("new"), false, SaveOptions{Identities: ids})
	if err != nil || !sr.Created || !sr.LockWritten {
		t.Fatalf("save: %+v %v", sr, err)
	}
	if got := openWith(t, filepath.Join(dir, "c.age"), ids.Age()...); got != "new" || asked.Load() != 1 {
		t.Fatalf("c.age: %q, asked %d", got, asked.Load())
	}
	inv, _ = Audit(ctx, AuditOptions{RepoRoot: dir, RulesFile: rules})
	if s := statuses(inv)["c.age"]; s != "ok + -" || !inv.InSync(true) {
		t.Fatalf("audit after edit: %v", statuses(inv))
	}
}

// An edit never lands over a save by someone else since it was read: the
// other program's file stays, and the error says so.
func TestEditRefusesConcurrentSave(t *testing.T) {
	web1 := newSSHHost(t, "web1")
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	rules := writeRules(t, dir, map[string]string{"web1": web1.text}, map[string][]string{"a.age": {"web1"}})
	p := filepath.Join(dir, "a.age")
	encryptTo(t, p, []byte("one"), false, web1)
	ctx := context.Background()
	ed, err := OpenSecret(ctx, EditOptions{RepoRoot: dir, RulesFile: rules, Path: p})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ed.Decrypt(identity.New(web1.id...)); err != nil {
		t.Fatal(err)
	}
	encryptTo(t, p, []byte("theirs"), false, web1) // someone else saves meanwhile
	_, err = ed.Save(ctx, []byte("mine"), false, SaveOptions{})
	if !errors.Is(err, txn.ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if got := openWith(t, p, web1.id...); got != "theirs" {
		t.Fatalf("a.age holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, LockFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("lock file written: %v", err)
	}
}

// A missing secret is created only if it is still missing at the commit.
func TestEditCreateNeverClobbers(t *testing.T) {
	web1 := newSSHHost(t, "web1")
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	rules := writeRules(t, dir, map[string]string{"web1": web1.text}, map[string][]string{"sub/a.age": {"web1"}})
	p := filepath.Join(dir, "sub", "a.age")
	ctx := context.Background()
	ed, err := OpenSecret(ctx, EditOptions{RepoRoot: dir, RulesFile: rules, Path: p})
	if err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Dir(p), 0o755)
	encryptTo(t, p, []byte("theirs"), false, web1)
	if _, err := ed.Save(ctx, []byte("mine"), false, SaveOptions{}); err == nil {
		t.Fatal("created over a file that appeared meanwhile")
	}
	if got := openWith(t, p, web1.id...); got != "theirs" {
		t.Fatalf("a.age holds %q", got)
	}
}
