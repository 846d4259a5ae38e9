package sopsfile

import (
	"bytes"
	"strings"
	"testing"
)

func TestLoadFixtures(t *testing.T) {
	want := ageRecipient(fixtureIdentity(t))
	for _, c := range formats {
		t.Run(c.name, func(t *testing.T) {
			data := fixture(t, c.name)
			if !Sniff(c.name, data) {
				t.Error("Sniff = false on a sops file")
			}
			f := mustLoad(t, c.name, data)
			if f.Format != c.format {
				t.Errorf("Format = %q, want %q", f.Format, c.format)
			}
			if len(f.Groups) != 1 || len(f.Groups[0].Recipients) != 1 || f.Groups[0].Recipients[0] != want {
				t.Errorf("Groups = %+v, want one group holding %v", f.Groups, want)
			}
			if f.LastModified.IsZero() || f.Threshold != 0 {
				t.Errorf("LastModified = %v, Threshold = %d", f.LastModified, f.Threshold)
			}
		})
	}
}

func TestSniffPlainFiles(t *testing.T) {
	for _, name := range []string{"plain.yaml", "plain.json", "plain.env", "plain.ini", "plain.bin"} {
		if Sniff(name, fixture(t, name)) {
			t.Errorf("Sniff(%s) = true on a plain file", name)
		}
	}
	// A binary sops file is JSON whatever its name.
	if !Sniff("secret", fixture(t, "secret.bin")) {
		t.Error("Sniff = false on a binary sops file with no extension")
	}
}

// The stores write back exactly what sops wrote: what lets Rewrap change
// only the lines of the added recipients.
func TestEmitRoundTrip(t *testing.T) {
	for _, c := range formats {
		data := fixture(t, c.name)
		tree, err := loadTree(c.name, c.format, data)
		if err != nil {
			t.Fatal(err)
		}
		if mustLoad(t, c.name, data).implicitSuffix() {
			tree.Metadata.UnencryptedSuffix = ""
		}
		out, err := storeFor(c.format, StoreOptions{}).EmitEncryptedFile(tree)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s: emitted file differs from sops' own:\n%s", c.name, out)
		}
	}
}

func TestLoadCorrupt(t *testing.T) {
	yml := string(fixture(t, "secret.yaml"))
	for _, c := range []struct {
		name, path, data, want string
	}{
		{"empty", "s.yaml", "", "no sops metadata"},
		{"plain yaml", "s.yaml", string(fixture(t, "plain.yaml")), "no sops metadata"},
		{"plain json", "s.json", string(fixture(t, "plain.json")), "no sops metadata"},
		{"truncated", "s.yaml", yml[:len(yml)/2], "s.yaml"},
		{"truncated json", "s.json", string(fixture(t, "secret.json"))[:300], "s.json"},
		{"not yaml", "s.yaml", "a: [\n", "s.yaml"},
		{"no keys", "s.yaml", "a: b\nsops:\n    lastmodified: \"2026-01-01T00:00:00Z\"\n    version: 3.13.3\n    mac: x\n", "No keys found"},
		{"bad lastmodified", "s.yaml", strings.Replace(yml, "lastmodified: \"", "lastmodified: \"x", 1), "s.yaml"},
		{"sops not a map", "s.yaml", "a: b\nsops: 3\n", "s.yaml"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(c.path, []byte(c.data))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Load error = %v, want one containing %q", err, c.want)
			}
		})
	}
}
