package sopsfile

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/getsops/sops/v3"
	"github.com/getsops/sops/v3/keyservice"

	"github.com/nfrekey/nfrekey/internal/sshage"
	"github.com/nfrekey/nfrekey/recipients"
	"golang.org/x/crypto/ssh"
)

// The fixtures in testdata were made by `sops -e --age $(key.txt's
// recipient) --unencrypted-suffix _unencrypted plain.EXT` (sops 3.13.3);
// secret.bin without the suffix, which the binary store ignores.
var formats = []struct{ name, format string }{
	{"secret.yaml", FormatYAML},
	{"secret.json", FormatJSON},
	{"secret.env", FormatDotenv},
	{"secret.ini", FormatINI},
	{"secret.bin", FormatBinary},
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fixtureIdentity is the identity every fixture is encrypted to.
func fixtureIdentity(t testing.TB) *age.X25519Identity {
	t.Helper()
	ids, err := age.ParseIdentities(strings.NewReader(string(fixture(t, "key.txt"))))
	if err != nil {
		t.Fatal(err)
	}
	return ids[0].(*age.X25519Identity)
}

func ageRecipient(id *age.X25519Identity) Recipient {
	return Recipient{Type: "age", Value: id.Recipient().String()}
}

func newX25519(t testing.TB) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// sshKey is an ssh-ed25519 key with its recipient line and identity.
type sshKey struct {
	priv ed25519.PrivateKey
	line string
	id   age.Identity
}

func newSSHKey(t testing.TB) sshKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	spk, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	id, err := sshage.NewIdentity(priv)
	if err != nil {
		t.Fatal(err)
	}
	return sshKey{priv: priv, line: strings.TrimSpace(string(ssh.MarshalAuthorizedKey(spk))), id: id}
}

func mustLoad(t testing.TB, path string, data []byte) *File {
	t.Helper()
	f, err := Load(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// dataKeyOf unwraps the data key of data with ids, checking the MAC.
func dataKeyOf(t testing.TB, path string, data []byte, ids ...age.Identity) ([]byte, sops.Tree, error) {
	t.Helper()
	f := mustLoad(t, path, data)
	tree, err := loadTree(path, f.Format, data)
	if err != nil {
		t.Fatal(err)
	}
	key, err := f.openAndVerify(&tree, newKeyService(context.Background(), ids))
	return key, tree, err
}

// entries maps each recipient of tree's groups to its wrapped entry.
func entries(tree sops.Tree) map[string]string {
	m := map[string]string{}
	for _, g := range tree.Metadata.KeyGroups {
		for _, k := range g {
			m[k.ToString()] = string(k.EncryptedDataKey())
		}
	}
	return m
}

var _ keyservice.KeyServiceClient = (*keyService)(nil)

// convertedIdentity is the age X25519 form of an ssh-ed25519 key, as
// ssh-to-age makes it.
func convertedIdentity(t testing.TB, s sshKey) *age.X25519Identity {
	t.Helper()
	id, err := recipients.AgeIdentityFromEd25519(s.priv)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
