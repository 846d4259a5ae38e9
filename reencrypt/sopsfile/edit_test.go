package sopsfile

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// Open prints what sops -d prints (the fixtures' plain files); Seal of an
// edited plaintext keeps the key groups and the data key (the wrapped
// entries are byte for byte the same), and real sops decrypts the result
// to the new plaintext with its MAC verified.
func TestOpenSealKeepsDataKey(t *testing.T) {
	id := fixtureIdentity(t)
	for _, tc := range formats {
		t.Run(tc.name, func(t *testing.T) {
			data := fixture(t, tc.name)
			f, err := Load(tc.name, data)
			if err != nil {
				t.Fatal(err)
			}
			o, err := f.Open(context.Background(), []age.Identity{id}, StoreOptions{})
			if err != nil {
				t.Fatal(err)
			}
			r := newSopsRunner(t)
			r.writeConfig([]Recipient{ageRecipient(id)})
			os.WriteFile(filepath.Join(r.dir, tc.name), data, 0o600)
			plain, err := r.run(ageKeyEnv(id), "decrypt", tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(o.Plaintext, plain) {
				t.Fatalf("plaintext:\n%s\nwant (sops decrypt):\n%s", o.Plaintext, plain)
			}
			var edited []byte
			switch tc.format {
			case FormatYAML:
				edited = append(bytes.Clone(o.Plaintext), "added: new value\n"...)
			case FormatDotenv:
				edited = append(bytes.Clone(o.Plaintext), "ADDED=new value\n"...)
			case FormatJSON:
				edited = []byte(`{"added": "new value"}`)
			case FormatINI:
				edited = []byte("[added]\nkey = new value\n")
			default:
				edited = []byte("new value\n")
			}
			out, err := o.Seal(edited)
			if err != nil {
				t.Fatal(err)
			}
			enc := func(b []byte) string {
				// The age entry's wrapped data key, as the file writes it.
				s := string(b)
				i := strings.Index(s, "-----BEGIN AGE ENCRYPTED FILE-----")
				j := strings.Index(s, "-----END AGE ENCRYPTED FILE-----")
				if i < 0 || j < i {
					t.Fatalf("no wrapped data key in %q", s)
				}
				return s[i:j]
			}
			if enc(out) != enc(data) {
				t.Error("the wrapped data key changed: an edit must keep it")
			}
			back, err := Load(tc.name, out)
			if err != nil {
				t.Fatal(err)
			}
			o2, err := back.Open(context.Background(), []age.Identity{id}, StoreOptions{})
			if err != nil {
				t.Fatalf("reopening (MAC check): %v", err)
			}
			if !strings.Contains(string(o2.Plaintext), "new value") {
				t.Fatalf("reopened plaintext %q", o2.Plaintext)
			}
			// The oracle: sops itself.
			os.WriteFile(filepath.Join(r.dir, tc.name), out, 0o600)
			got, err := r.run(ageKeyEnv(id), "decrypt", tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), "new value") {
				t.Fatalf("sops decrypt: %q", got)
			}
		})
	}
}

// A plaintext that claims the sops key, or does not parse, is refused.
func TestSealRefuses(t *testing.T) {
	id := fixtureIdentity(t)
	f, _ := Load("secret.yaml", fixture(t, "secret.yaml"))
	o, err := f.Open(context.Background(), []age.Identity{id}, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"sops: x\n", "a: [unclosed\n"} {
		if _, err := o.Seal([]byte(bad)); err == nil {
			t.Errorf("Seal(%q) accepted", bad)
		}
	}
}
