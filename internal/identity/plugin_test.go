package identity_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"filippo.io/age"
	"filippo.io/age/plugin"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/plugintest"
)

func encryptTo(t *testing.T, recipient, text string) []byte {
	t.Helper()
	r, err := plugin.NewRecipient(recipient, &plugin.ClientUI{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, text)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A plugin identity file opens files encrypted to the plugin's recipient;
// the PIN the plugin asks for reaches the UI once for a run of many files
// opened in parallel, though the plugin asks on every unwrap.
func TestPluginIdentityAsksOncePerRun(t *testing.T) {
	bin := plugintest.Build(t)
	t.Setenv("PATH", plugintest.PathWith(bin))
	log := filepath.Join(t.TempDir(), "asked")
	t.Setenv("NFRTEST_PIN", "123456")
	t.Setenv("NFRTEST_LOG", log)
	k := plugintest.NewKey(t)
	idFile := filepath.Join(t.TempDir(), "yubikey.txt")
	os.WriteFile(idFile, []byte("#       Serial: 1, Slot: 1\n# Recipient: "+k.Recipient+"\n"+k.Identity+"\n"), 0o600)

	var asked atomic.Int32
	ids, err := identity.Load(identity.Options{Files: []string{idFile}, Plugin: identity.PluginUI{
		Request: func(name, prompt string, secret bool) (string, error) {
			asked.Add(1)
			if name != "nfrtest" || !secret || !strings.Contains(prompt, "PIN") {
				t.Errorf("request %q %q secret=%v", name, prompt, secret)
			}
			return "123456", nil
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if ids.Len() != 1 || !strings.Contains(ids.Summary(), "age-plugin-nfrtest") {
		t.Fatalf("identities: %s", ids.Summary())
	}
	const n = 4
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := age.Decrypt(bytes.NewReader(encryptTo(t, k.Recipient, "secret")), ids.Age()...)
			if err != nil {
				t.Errorf("file %d: %v", i, err)
				return
			}
			if got, _ := io.ReadAll(r); string(got) != "secret" {
				t.Errorf("file %d: %q", i, got)
			}
		}()
	}
	wg.Wait()
	if got := asked.Load(); got != 1 {
		t.Errorf("the UI was asked %d times, want 1", got)
	}
	data, _ := os.ReadFile(log)
	if got := strings.Count(string(data), "asked"); got != n {
		t.Errorf("the plugin asked %d times, want %d (one per file: the answers are the client's cache)", got, n)
	}
}

// Without a way to ask, a plugin that needs to ask fails saying so, not
// with the plugin protocol's bare "fail".
func TestPluginIdentityWithoutTerminal(t *testing.T) {
	bin := plugintest.Build(t)
	t.Setenv("PATH", plugintest.PathWith(bin))
	t.Setenv("NFRTEST_PIN", "123456")
	k := plugintest.NewKey(t)
	idFile := filepath.Join(t.TempDir(), "id.txt")
	os.WriteFile(idFile, []byte(k.Identity+"\n"), 0o600)
	ids, err := identity.Load(identity.Options{Files: []string{idFile}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = age.Decrypt(bytes.NewReader(encryptTo(t, k.Recipient, "x")), ids.Age()...)
	if !errors.Is(err, identity.ErrNoUI) {
		t.Fatalf("err = %v, want ErrNoUI", err)
	}
	if !strings.Contains(err.Error(), "age-plugin-nfrtest asks") {
		t.Errorf("err = %v: should name the plugin", err)
	}
}

// A plugin identity among age identities: files others open never start
// the plugin (it is tried last), and a missing plugin binary is an error
// only for the files that need it.
func TestPluginIdentityTriedLast(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no plugin anywhere
	k := plugintest.NewKey(t)
	x, _ := age.GenerateX25519Identity()
	idFile := filepath.Join(t.TempDir(), "ids.txt")
	os.WriteFile(idFile, []byte(k.Identity+"\n"+x.String()+"\n"), 0o600)
	ids, err := identity.Load(identity.Options{Files: []string{idFile}})
	if err != nil {
		t.Fatal(err)
	}
	if ids.Len() != 2 {
		t.Fatalf("%d identities: %s", ids.Len(), ids.Summary())
	}
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, x.Recipient())
	w.Write([]byte("ok"))
	w.Close()
	if _, err := age.Decrypt(&buf, ids.Age()...); err != nil {
		t.Fatalf("an X25519 file needed the plugin: %v", err)
	}
}

// A refused answer (a wrong PIN) is never replayed: the next file asks
// again, and files opened in parallel wait for the first to succeed
// rather than each spending one of the token's PIN retries.
func TestPluginWrongPINNotReplayed(t *testing.T) {
	bin := plugintest.Build(t)
	t.Setenv("PATH", plugintest.PathWith(bin))
	log := filepath.Join(t.TempDir(), "asked")
	t.Setenv("NFRTEST_PIN", "1234")
	t.Setenv("NFRTEST_LOG", log)
	k := plugintest.NewKey(t)
	idFile := filepath.Join(t.TempDir(), "id.txt")
	os.WriteFile(idFile, []byte(k.Identity+"\n"), 0o600)
	var asked atomic.Int32
	ids, err := identity.Load(identity.Options{Files: []string{idFile}, Plugin: identity.PluginUI{
		Request: func(name, prompt string, secret bool) (string, error) {
			if asked.Add(1) == 1 {
				return "0000", nil // a typo
			}
			return "1234", nil
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = age.Decrypt(bytes.NewReader(encryptTo(t, k.Recipient, "s")), ids.Age()...)
		}()
	}
	wg.Wait()
	failed := 0
	for _, err := range errs {
		if err != nil {
			failed++
		}
	}
	data, _ := os.ReadFile(log)
	if failed != 1 || asked.Load() != 2 || strings.Count(string(data), "asked") != n {
		t.Fatalf("%d files failed (want 1: the typo), the user was asked %d times (want 2), the plugin %d (want %d): %v",
			failed, asked.Load(), strings.Count(string(data), "asked"), n, errs)
	}
}
