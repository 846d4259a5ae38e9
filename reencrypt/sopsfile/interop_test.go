package sopsfile

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// sopsRunner runs the real sops in dir with nothing of the caller's
// environment but PATH: no key files, no config above dir.
type sopsRunner struct {
	t    *testing.T
	bin  string
	dir  string
	conf string
}

func newSopsRunner(t *testing.T) *sopsRunner {
	bin := peer.Need(t, "sops")
	dir := t.TempDir()
	return &sopsRunner{t: t, bin: bin, dir: dir, conf: filepath.Join(dir, ".sops.yaml")}
}

func (r *sopsRunner) run(env []string, args ...string) ([]byte, error) {
	r.t.Helper()
	cmd := exec.Command(r.bin, append([]string{"--config", r.conf}, args...)...)
	cmd.Dir = r.dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + r.dir, "XDG_CONFIG_HOME=" + r.dir, "SOPS_DISABLE_VERSION_CHECK=1"}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.Bytes(), fmt.Errorf("sops %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return append(stdout.Bytes(), stderr.Bytes()...), nil
}

// writeConfig writes a .sops.yaml whose one rule lists rs as a flat age list.
func (r *sopsRunner) writeConfig(rs []Recipient) {
	r.t.Helper()
	var b strings.Builder
	b.WriteString("creation_rules:\n  - path_regex: secret\n    age:\n")
	for _, x := range rs {
		fmt.Fprintf(&b, "      - %q\n", x.Value)
	}
	if err := os.WriteFile(r.conf, []byte(b.String()), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func ageKeyEnv(id *age.X25519Identity) []string { return []string{"SOPS_AGE_KEY=" + id.String()} }

func (r *sopsRunner) sshKeyEnv(s sshKey) []string {
	r.t.Helper()
	block, err := ssh.MarshalPrivateKey(s.priv, "")
	if err != nil {
		r.t.Fatal(err)
	}
	path := filepath.Join(r.dir, "id_ed25519")
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		r.t.Fatal(err)
	}
	return []string{"SOPS_AGE_SSH_PRIVATE_KEY_FILE=" + path}
}

// TestInteropWithSops: files made by `sops -e` in every format are
// rewrapped to add an age and an ssh-ed25519 recipient, which `sops -d`
// then opens with the new keys alone; `sops updatekeys` finds nothing to
// do; Rotate removes a recipient, which sops then cannot open with.
func TestInteropWithSops(t *testing.T) {
	ctx := context.Background()
	for _, c := range formats {
		t.Run(c.name, func(t *testing.T) {
			r := newSopsRunner(t)
			a, b, s := newX25519(t), newX25519(t), newSSHKey(t)
			ra, rb, rs := ageRecipient(a), ageRecipient(b), Recipient{Type: "age", Value: s.line}
			name := "secret" + filepath.Ext(c.name)
			path := filepath.Join(r.dir, name)
			if err := os.WriteFile(path, fixture(t, "plain"+filepath.Ext(c.name)), 0o600); err != nil {
				t.Fatal(err)
			}
			r.writeConfig([]Recipient{ra})
			enc, err := r.run(nil, "-e", name)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, enc, 0o600); err != nil {
				t.Fatal(err)
			}
			want, err := r.run(ageKeyEnv(a), "-d", name)
			if err != nil {
				t.Fatal(err)
			}

			f := mustLoad(t, name, enc)
			out, err := f.Rewrap(ctx, []age.Identity{a}, [][]Recipient{{ra, rb, rs}}, 0, StoreOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, out, 0o600); err != nil {
				t.Fatal(err)
			}
			for what, env := range map[string][]string{"age": ageKeyEnv(b), "ssh": r.sshKeyEnv(s)} {
				got, err := r.run(env, "-d", name)
				if err != nil {
					t.Fatalf("sops -d with the added %s key: %v", what, err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("sops -d with the added %s key = %q, want %q", what, got, want)
				}
			}
			r.updatekeysIsNoop(name, out, []Recipient{ra, rb, rs}, a)

			rotated, err := mustLoad(t, name, out).Rotate(ctx, []age.Identity{b}, [][]Recipient{{ra, rs}}, 0, StoreOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, rotated, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := r.run(ageKeyEnv(b), "-d", name); err == nil {
				t.Error("sops -d opens the rotated file with the removed key")
			}
			got, err := r.run(ageKeyEnv(a), "-d", name)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("sops -d of the rotated file = %q, %v; want %q", got, err, want)
			}
			oldKey, _, _ := dataKeyOf(t, name, out, a)
			newKey, _, _ := dataKeyOf(t, name, rotated, a)
			if oldKey == nil || bytes.Equal(oldKey, newKey) {
				t.Error("Rotate kept the data key")
			}
			r.updatekeysIsNoop(name, rotated, []Recipient{ra, rs}, a)
		})
	}
}

// updatekeysIsNoop checks that `sops updatekeys -y`, given a config
// listing rs, leaves data (already written at name) as it is.
func (r *sopsRunner) updatekeysIsNoop(name string, data []byte, rs []Recipient, id *age.X25519Identity) {
	r.t.Helper()
	r.writeConfig(rs)
	msg, err := r.run(ageKeyEnv(id), "updatekeys", "-y", name)
	if err != nil {
		r.t.Fatal(err)
	}
	if !bytes.Contains(msg, []byte("already up to date")) {
		r.t.Errorf("sops updatekeys had something to do: %s", msg)
	}
	after, err := os.ReadFile(filepath.Join(r.dir, name))
	if err != nil {
		r.t.Fatal(err)
	}
	if !bytes.Equal(after, data) {
		r.t.Error("sops updatekeys changed the file")
	}
}

// A file sops updatekeys rewrapped and one Rewrap rewrapped decrypt alike,
// and sops rotate output loads and rewraps here.
func TestSopsOutputsLoadHere(t *testing.T) {
	r := newSopsRunner(t)
	a, b := newX25519(t), newX25519(t)
	ra, rb := ageRecipient(a), ageRecipient(b)
	if err := os.WriteFile(filepath.Join(r.dir, "secret.yaml"), fixture(t, "plain.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.writeConfig([]Recipient{ra})
	if _, err := r.run(nil, "-e", "-i", "secret.yaml"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.run(ageKeyEnv(a), "rotate", "-i", "--add-age", rb.Value, "secret.yaml"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(r.dir, "secret.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f := mustLoad(t, "secret.yaml", data)
	if len(f.Groups) != 1 || !equalRecipients(f.Groups[0].Recipients, []Recipient{ra, rb}) {
		t.Fatalf("groups after sops rotate --add-age: %v", f.Groups)
	}
	if _, err := f.Rewrap(context.Background(), []age.Identity{b}, [][]Recipient{{rb}}, 0, StoreOptions{}); err != nil {
		t.Fatal(err)
	}
}
