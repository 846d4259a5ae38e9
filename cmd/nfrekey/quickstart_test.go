package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/agessh"
)

// TestQuickStart walks the README's "Try it on the example fleet" section
// on a copy of fixtures/example, applying the README's own sed edit, so the
// first thing a newcomer runs keeps doing what the README says.
func TestQuickStart(t *testing.T) {
	fleet := t.TempDir()
	if err := os.CopyFS(fleet, os.DirFS("../../fixtures/example")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", t.TempDir()) // no default identity of the developer's
	t.Setenv("RULES", "")

	nfrekey := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), &IO{In: strings.NewReader(""), Out: &out, Err: &errb}, append([]string{"--repo", fleet}, args...))
		return code, out.String(), errb.String()
	}
	if code, out, errs := nfrekey("audit"); code != 0 {
		t.Fatalf("audit of the example: exit %d\n%s%s", code, out, errs)
	}

	from, to := readmeSedEdit(t)
	rules := filepath.Join(fleet, "secrets.nix")
	src, err := os.ReadFile(rules)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte(from)) {
		t.Fatalf("the README's sed pattern %q is not in fixtures/example/secrets.nix", from)
	}
	if err := os.WriteFile(rules, bytes.Replace(src, []byte(from), []byte(to), 1), 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, _ := nfrekey("audit")
	if code != 1 || !strings.Contains(out, "agents/backup-key.age") {
		t.Fatalf("audit after the edit: exit %d, want 1 naming agents/backup-key.age\n%s", code, out)
	}
	if n := strings.Count(out, "stale "); n != 1 {
		t.Errorf("audit after the edit names %d stale files, want 1:\n%s", n, out)
	}
	code, out, errs := nfrekey("-i", filepath.Join(fleet, "throwaway-keys/alice"), "rekey")
	if code != 0 || !strings.Contains(out, "rekeyed 1, unchanged 4, failed 0") {
		t.Fatalf("rekey: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := nfrekey("audit"); code != 0 {
		t.Fatalf("audit after rekey: exit %d\n%s%s", code, out, errs)
	}
	if got := decryptWithKey(t, filepath.Join(fleet, "agents/backup-key.age"), filepath.Join(fleet, "throwaway-keys/web3")); !strings.Contains(got, "backup-key") {
		t.Errorf("web3 reads %q", got)
	}
}

// readmeSedEdit returns the pattern and replacement of the README's
// `sed -i 's|FROM|TO|' secrets.nix` line.
func readmeSedEdit(t *testing.T) (string, string) {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(readme), "\n") {
		if rest, ok := strings.CutPrefix(line, "sed -i 's|"); ok {
			parts := strings.Split(rest, "|")
			if len(parts) >= 3 {
				return parts[0], parts[1]
			}
		}
	}
	t.Fatal("README.md has no `sed -i 's|FROM|TO|'` line")
	return "", ""
}

func decryptWithKey(t *testing.T, file, keyFile string) string {
	t.Helper()
	pem, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	id, err := agessh.ParseIdentity(pem)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
