package reencrypt

import (
	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"

	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/secretsnix"
)

func sameStrings(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// repo is a small fleet for the tests.
type repo struct {
	dir              string
	web1, web2, web3 host
	x1               host
	rules            *secretsnix.Rules
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	r := &repo{dir: t.TempDir()}
	r.web1, r.web2, r.web3 = newSSHHost(t, "web1"), newSSHHost(t, "web2"), newSSHHost(t, "web3")
	r.x1 = newX25519Host(t, "x1")
	os.Mkdir(filepath.Join(r.dir, ".git"), 0o755)
	r.rules = &secretsnix.Rules{File: filepath.Join(r.dir, "secrets.nix")}
	os.WriteFile(r.rules.File, []byte("{}\n"), 0o644)
	return r
}

func (r *repo) secret(name string, line int, hs ...host) {
	r.rules.Secrets = append(r.rules.Secrets, secretsnix.Secret{Name: name, PublicKeys: keys(hs...), Line: line, Col: 3})
}

func (r *repo) path(name string) string { return filepath.Join(r.dir, filepath.FromSlash(name)) }

func (r *repo) audit(t *testing.T) *Inventory {
	t.Helper()
	inv, err := Audit(context.Background(), AuditOptions{RepoRoot: r.dir, Rules: r.rules, Jobs: 4})
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func (r *repo) rekey(t *testing.T, o RekeyOptions) (*RekeyResult, error) {
	t.Helper()
	o.RepoRoot, o.Rules = r.dir, r.rules
	if o.Identities == nil {
		o.Identities = identity.New(r.web1.id[0])
	}
	return Rekey(context.Background(), o)
}

func statuses(inv *Inventory) map[string]string {
	out := map[string]string{}
	for _, s := range inv.Secrets {
		out[s.Path] = string(s.Status) + " +" + strings.Join(s.Add, ",") + " -" + strings.Join(s.Remove, ",")
	}
	return out
}

func TestAuditStatuses(t *testing.T) {
	r := newRepo(t)
	pt := []byte("hunter2")
	encryptTo(t, r.path("ok.age"), pt, false, r.web1, r.web2)
	encryptTo(t, r.path("add.age"), pt, false, r.web1)
	encryptTo(t, r.path("remove.age"), pt, true, r.web1, r.web2, r.web3)
	encryptTo(t, r.path("x/unverified.age"), pt, false, r.web1, r.x1)
	encryptTo(t, r.path("stray.age"), pt, false, r.web1)
	os.WriteFile(r.path("notage.age"), []byte("hello\n"), 0o644)
	r.secret("ok.age", 1, r.web1, r.web2, r.web1) // duplicate: deduped
	r.secret("add.age", 2, r.web1, r.web2)
	r.secret("remove.age", 3, r.web1, r.web2)
	r.secret("missing.age", 4, r.web1, r.web3)
	r.secret("x/unverified.age", 5, r.web1, r.x1)
	r.secret("notage.age", 6, r.web1)
	r.rules.Secrets[2].Armor = true // remove.age is armored: no armor-mismatch finding
	inv := r.audit(t)
	want := map[string]string{
		"ok.age":           "ok + -",
		"add.age":          "stale +web2 -",
		"remove.age":       "stale + -web3",
		"missing.age":      "missing + -",
		"x/unverified.age": "unverified + -",
		"stray.age":        "undeclared + -",
		"notage.age":       "invalid + -",
	}
	if got := statuses(inv); !reflect.DeepEqual(got, want) {
		t.Errorf("statuses:\n got %v\nwant %v", got, want)
	}
	if inv.InSync(false) {
		t.Error("InSync = true")
	}
	if len(inv.Findings) != 0 {
		t.Errorf("findings: %v", inv.Findings)
	}
}

func TestDuplicateKeyFinding(t *testing.T) {
	r := newRepo(t)
	alias := r.web1
	alias.name = "web1-old"
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	r.secret("a.age", 1, r.web1, alias)
	inv := r.audit(t)
	if len(inv.Findings) != 1 || !strings.Contains(inv.Findings[0].Message, "web1 and web1-old") {
		t.Errorf("findings = %v", inv.Findings)
	}
	if st := inv.Secrets[0].Status; st != StatusOK {
		t.Errorf("status %s", st)
	}
}

func TestInvalidKeyAndEscapes(t *testing.T) {
	r := newRepo(t)
	r.rules.Secrets = []secretsnix.Secret{{Name: "a.age", PublicKeys: []secretsnix.Key{{Text: "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA", Name: "oops"}}, Line: 3, Col: 5}}
	_, err := Audit(context.Background(), AuditOptions{RepoRoot: r.dir, Rules: r.rules})
	if !IsInput(err) || !strings.Contains(err.Error(), "key oops") || strings.Contains(err.Error(), "AAAA") || !strings.Contains(err.Error(), "secrets.nix:3:5") {
		t.Errorf("invalid key: %v", err)
	}
	r.rules.Secrets = []secretsnix.Secret{{Name: "../outside.age", PublicKeys: keys(r.web1)}}
	if _, err := Audit(context.Background(), AuditOptions{RepoRoot: r.dir, Rules: r.rules}); !IsInput(err) || !strings.Contains(err.Error(), "outside the repo root") {
		t.Errorf("outside: %v", err)
	}
	out := t.TempDir()
	os.Symlink(out, r.path("link"))
	r.rules.Secrets = []secretsnix.Secret{{Name: "link/x.age", PublicKeys: keys(r.web1)}}
	if _, err := Audit(context.Background(), AuditOptions{RepoRoot: r.dir, Rules: r.rules}); !IsInput(err) || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("symlink: %v", err)
	}
}

type fileState struct {
	data  []byte
	mtime time.Time
	mode  os.FileMode
}

func snapshot(t *testing.T, paths ...string) map[string]fileState {
	out := map[string]fileState{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		st, err2 := os.Stat(p)
		if err != nil || err2 != nil {
			continue
		}
		out[p] = fileState{data, st.ModTime(), st.Mode()}
	}
	return out
}

// payload returns the bytes after the header of a binary age file.
func payload(t *testing.T, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := agefile.ReadHeader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return data[h.PayloadOffset:]
}

func TestRekeyAddRemove(t *testing.T) {
	r := newRepo(t)
	pt := []byte("hunter2")
	encryptTo(t, r.path("ok.age"), pt, false, r.web1, r.web2)
	encryptTo(t, r.path("add.age"), pt, false, r.web1)
	encryptTo(t, r.path("remove.age"), pt, true, r.web1, r.web2, r.web3)
	encryptTo(t, r.path("addx.age"), pt, false, r.web1)
	os.Chmod(r.path("add.age"), 0o600)
	r.secret("ok.age", 1, r.web1, r.web2)
	r.secret("add.age", 2, r.web1, r.web2)
	r.secret("remove.age", 3, r.web1, r.web2)
	r.secret("addx.age", 4, r.web1, r.x1)
	r.rules.Secrets[2].Armor = true // remove.age is armored
	okBefore := snapshot(t, r.path("ok.age"))
	addPayload := payload(t, r.path("add.age"))

	dry, err := r.rekey(t, RekeyOptions{DryRun: true})
	if err != nil || len(dry.Plan) != 3 {
		t.Fatalf("dry run: %v %+v", err, dry)
	}
	if _, err := os.Stat(filepath.Join(r.dir, LockFileName)); err == nil {
		t.Fatal("dry run wrote the lock file")
	}
	var events []Event
	res, err := r.rekey(t, RekeyOptions{Progress: func(e Event) { events = append(events, e) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rekeyed != 3 || res.Unchanged != 1 || len(res.Failed) != 0 || !res.LockWritten {
		t.Fatalf("result %+v", res)
	}
	if len(events) != 7 { // 3 planned, committing, 3 written
		t.Errorf("%d events", len(events))
	}
	for _, p := range res.Plan {
		wantFresh := p.Path == "remove.age"
		if p.Fresh != wantFresh {
			t.Errorf("%s fresh=%v", p.Path, p.Fresh)
		}
	}
	if !reflect.DeepEqual(snapshot(t, r.path("ok.age")), okBefore) {
		t.Error("ok.age was touched")
	}
	if !bytes.Equal(payload(t, r.path("add.age")), addPayload) {
		t.Error("header-only rewrap changed the payload")
	}
	if st, _ := os.Stat(r.path("add.age")); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
	if h, _ := readHeaderFile(r.path("remove.age")); h == nil || !h.Armored {
		t.Error("armor lost")
	}
	check := func(name string, can []host, cannot ...host) {
		for _, h := range can {
			got, err := decryptWith(r.path(name), h)
			if err != nil || !bytes.Equal(got, pt) {
				t.Errorf("%s for %s: %q %v", name, h.name, got, err)
			}
		}
		for _, h := range cannot {
			if _, err := decryptWith(r.path(name), h); err == nil {
				t.Errorf("%s still opens for removed %s", name, h.name)
			}
		}
	}
	check("add.age", []host{r.web1, r.web2})
	check("remove.age", []host{r.web1, r.web2}, r.web3)
	check("addx.age", []host{r.web1, r.x1})

	// Now audited exactly, X25519 included, thanks to the lock file.
	inv := r.audit(t)
	for _, s := range inv.Secrets {
		if s.Status != StatusOK {
			t.Errorf("after rekey %s is %s", s.Path, s.Status)
		}
	}
	// A second run changes nothing at all.
	all := []string{r.path("ok.age"), r.path("add.age"), r.path("remove.age"), r.path("addx.age"), filepath.Join(r.dir, LockFileName)}
	before := snapshot(t, all...)
	time.Sleep(10 * time.Millisecond)
	res, err = r.rekey(t, RekeyOptions{})
	if err != nil || res.Rekeyed != 0 || res.Unchanged != 4 || res.LockWritten {
		t.Fatalf("second run: %v %+v", err, res)
	}
	if !reflect.DeepEqual(snapshot(t, all...), before) {
		t.Error("second run changed files")
	}
	lock, _ := os.ReadFile(filepath.Join(r.dir, LockFileName))
	if !bytes.HasPrefix(lock, []byte("{\n  \"version\": 1,\n  \"files\": {\n    \"add.age\": {")) || !bytes.HasSuffix(lock, []byte("}\n")) {
		t.Errorf("lock file:\n%s", lock)
	}
}

func TestRekeyRefusesBeforeWriting(t *testing.T) {
	r := newRepo(t)
	pt := []byte("hunter2")
	encryptTo(t, r.path("a.age"), pt, false, r.web1)
	encryptTo(t, r.path("b.age"), pt, false, r.web2) // web1 cannot open it
	r.secret("a.age", 1, r.web1, r.web3)
	r.secret("b.age", 2, r.web2, r.web3)
	before := snapshot(t, r.path("a.age"), r.path("b.age"))
	_, err := r.rekey(t, RekeyOptions{})
	if !IsInput(err) || !strings.Contains(err.Error(), "b.age: no identity opens it (its recipients: web2)") || strings.Contains(err.Error(), "a.age:") {
		t.Fatalf("err = %v", err)
	}
	if !reflect.DeepEqual(snapshot(t, r.path("a.age"), r.path("b.age")), before) {
		t.Error("files changed")
	}
	// Named paths restrict the plan; an undeclared one is refused.
	res, err := r.rekey(t, RekeyOptions{Paths: []string{r.path("a.age")}})
	if err != nil || res.Rekeyed != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	if _, err := r.rekey(t, RekeyOptions{Paths: []string{r.path("nope.age")}}); !IsInput(err) {
		t.Errorf("undeclared path: %v", err)
	}
}

func TestRekeyCorruptMAC(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	data, _ := os.ReadFile(r.path("a.age"))
	i := bytes.Index(data, []byte("\n--- ")) + 6
	data[i] ^= 1
	if data[i] == '+' || data[i] == '/' || data[i]&0x80 != 0 {
		data[i] = 'A'
	}
	os.WriteFile(r.path("a.age"), data, 0o644)
	r.secret("a.age", 1, r.web1, r.web2)
	_, err := r.rekey(t, RekeyOptions{})
	if !IsInput(err) || !strings.Contains(err.Error(), "a.age") {
		t.Fatalf("err = %v", err)
	}
	if now, _ := os.ReadFile(r.path("a.age")); !bytes.Equal(now, data) {
		t.Error("file changed")
	}
}

func TestRekeyLockHeld(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	r.secret("a.age", 1, r.web1, r.web2)
	tx, err := txn.Begin(context.Background(), txn.Options{Root: r.dir})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	if _, err := r.rekey(t, RekeyOptions{}); !IsInput(err) || !strings.Contains(err.Error(), "another nfrekey run holds the lock") {
		t.Fatalf("err = %v", err)
	}
}

// TestRekeyWriteFailureLeavesFile injects an I/O failure for one file
// (permissions would not stop root, and CI runs as root): that file stays
// byte for byte as it was, the others are rekeyed, no temp file is left,
// and the lock file lists only the rekeyed ones.
func TestRekeyWriteFailureLeavesFile(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("ro/a.age"), []byte("x"), false, r.web1)
	encryptTo(t, r.path("b.age"), []byte("x"), false, r.web1)
	r.secret("ro/a.age", 1, r.web1, r.web2)
	r.secret("b.age", 2, r.web1, r.web2)
	past := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(r.path("ro/a.age"), past, past)
	before := snapshot(t, r.path("ro/a.age"))
	var events []string
	res, err := r.rekey(t, RekeyOptions{
		failWrite: func(path string) error {
			if filepath.Base(path) == "a.age" {
				return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
			}
			return nil
		},
		Progress: func(e Event) { events = append(events, fmt.Sprint(e.Kind, " ", e.File.Path)) },
	})
	if err == nil || IsInput(err) || res.Rekeyed != 1 || len(res.Failed) != 1 || res.Failed[0].Path != "ro/a.age" ||
		!strings.Contains(err.Error(), "ro/a.age: ") || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("%v %+v", err, res)
	}
	if !reflect.DeepEqual(snapshot(t, r.path("ro/a.age")), before) {
		t.Error("failed file changed")
	}
	if s := r.audit(t); s.Secrets[0].Status != StatusOK || s.Secrets[1].Status != StatusStale {
		t.Errorf("after: %v", statuses(s))
	}
	for _, p := range tree(t, r.dir) {
		if strings.Contains(filepath.Base(p), txn.TempPrefix) {
			t.Errorf("temp file left: %s", p)
		}
	}
	lock, _ := os.ReadFile(r.path(LockFileName))
	if !bytes.Contains(lock, []byte(`"b.age"`)) || bytes.Contains(lock, []byte("a.age\"")) {
		t.Errorf("lock file:\n%s", lock)
	}
	sort.Strings(events)
	if want := []string{"1 b.age", "1 ro/a.age", "2 b.age", "3 ro/a.age", "4 "}; !reflect.DeepEqual(events, want) {
		t.Errorf("events %v, want %v", events, want)
	}
}

func TestIdentities(t *testing.T) {
	home := t.TempDir()
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(home, ".ssh"), 0o700)
	os.WriteFile(filepath.Join(home, ".ssh", "id_ed25519"), pem.EncodeToMemory(block), 0o600)
	os.WriteFile(filepath.Join(home, ".ssh", "id_rsa"), []byte("garbage"), 0o600)
	var notes []string
	ids, err := identity.Load(identity.Options{Defaults: true, Home: home, Env: func(string) string { return "" }, Note: func(s string) { notes = append(notes, s) }})
	if err != nil {
		t.Fatal(err)
	}
	inHome := 0 // (the machine's own /etc/ssh host key may be readable too)
	for _, d := range ids.Describe() {
		if strings.HasPrefix(d, home) {
			inHome++
		}
	}
	if inHome != 2 { // the ssh key and its ssh-to-age form
		t.Errorf("identities: %v", ids.Describe())
	}
	if !strings.Contains(strings.Join(notes, "\n"), "id_rsa skipped") {
		t.Errorf("notes: %v", notes)
	}
	if _, err := identity.Load(identity.Options{Files: []string{filepath.Join(home, "nope")}}); err == nil {
		t.Error("missing -i file accepted")
	}
	// The ssh-to-age form opens files encrypted to the X25519 recipient.
	sp, _ := ssh.NewPublicKey(pub)
	r, _ := recipients.Parse(string(ssh.MarshalAuthorizedKey(sp)))
	x, _ := r.ToAgeX25519()
	xr, _ := x.AgeRecipient()
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, xr)
	w.Write([]byte("hi"))
	w.Close()
	if _, err := age.Decrypt(&buf, ids.Age()...); err != nil {
		t.Errorf("ssh-to-age identity: %v", err)
	}
}

func TestEncryptedKeyAsksOnce(t *testing.T) {
	r := newRepo(t)
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(r.dir, "id")
	os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600)
	sp, _ := ssh.NewPublicKey(priv.Public())
	owner := host{name: "me", text: strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))}
	owner.recip, _ = recipients.Parse(owner.text)
	for _, n := range []string{"a.age", "b.age", "c.age"} {
		encryptTo(t, r.path(n), []byte("x"), false, owner)
		r.secret(n, 1, owner, r.web2)
	}
	encryptTo(t, r.path("other.age"), []byte("x"), false, r.web1)
	r.secret("other.age", 1, r.web1, r.web2)
	var asked atomic.Int32
	ids, err := identity.Load(identity.Options{Files: []string{keyFile}, Passphrase: func(string) ([]byte, error) {
		asked.Add(1)
		return []byte("pw"), nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	all := identity.Join(identity.New(r.web1.id[0]), ids)
	res, err := r.rekey(t, RekeyOptions{Identities: all, Jobs: 3})
	if err != nil || res.Rekeyed != 4 {
		t.Fatalf("%v %+v", err, res)
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("passphrase asked %d times", n)
	}
	// Without a way to ask, the error says why.
	ids, _ = identity.Load(identity.Options{Files: []string{keyFile}, Passphrase: func(p string) ([]byte, error) {
		return nil, errors.New(p + " needs a passphrase and stdin is not a terminal")
	}})
	r.rules.Secrets[0].PublicKeys = keys(owner)
	_, err = r.rekey(t, RekeyOptions{Identities: ids, Paths: []string{r.path("a.age")}})
	if !IsInput(err) || !strings.Contains(err.Error(), "stdin is not a terminal") {
		t.Errorf("err = %v", err)
	}
}

func TestScryptRefused(t *testing.T) {
	r := newRepo(t)
	sr, _ := age.NewScryptRecipient("pw")
	sr.SetWorkFactor(10)
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, sr)
	w.Write([]byte("x"))
	w.Close()
	os.WriteFile(r.path("p.age"), buf.Bytes(), 0o644)
	r.secret("p.age", 1, r.web1)
	_, err := r.rekey(t, RekeyOptions{})
	if !IsInput(err) || !strings.Contains(err.Error(), "scrypt") {
		t.Errorf("err = %v", err)
	}
}

// TestRekeyNeverOverwritesAConcurrentEdit: the repo lock does not stop
// agenix -e; a file saved while nfrekey prepared its replacement is kept.
func TestRekeyNeverOverwritesAConcurrentEdit(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	encryptTo(t, r.path("b.age"), []byte("x"), false, r.web1)
	r.secret("a.age", 1, r.web1, r.web2)
	r.secret("b.age", 2, r.web1, r.web2)
	var edited []byte
	res, err := r.rekey(t, RekeyOptions{
		failWrite: func(path string) error {
			if filepath.Base(path) == "a.age" {
				// Another tool saves the file while nfrekey holds its replacement.
				encryptTo(t, path, []byte("edited"), false, r.web1)
				edited, _ = os.ReadFile(path)
			}
			return nil
		},
	})
	if err == nil || IsInput(err) || res.Rekeyed != 1 || len(res.Failed) != 1 || res.Failed[0].Path != "a.age" ||
		!strings.Contains(err.Error(), "changed by another program") {
		t.Fatalf("%v %+v", err, res)
	}
	if got, _ := os.ReadFile(r.path("a.age")); len(edited) == 0 || !bytes.Equal(got, edited) {
		t.Error("the concurrent edit was overwritten")
	}
	for _, p := range tree(t, r.dir) {
		if strings.Contains(filepath.Base(p), txn.TempPrefix) {
			t.Errorf("temp file left: %s", p)
		}
	}
}
