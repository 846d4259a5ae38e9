// Package plugintest builds the test age plugin age-plugin-nfrtest (its
// main is in the subdirectory) and makes key pairs for it: tests of plugin
// identities and recipients without hardware.
package plugintest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/plugin"
)

// Build compiles age-plugin-nfrtest into a temp directory and returns the
// directory, to put on PATH.
func Build(t testing.TB) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "age-plugin-nfrtest"), "./age-plugin-nfrtest")
	cmd.Dir = filepath.Dir(here)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building age-plugin-nfrtest: %v\n%s", err, out)
	}
	return dir
}

// PathWith is $PATH with dir first.
func PathWith(dir string) string {
	return dir + string(os.PathListSeparator) + os.Getenv("PATH")
}

// Key is a key pair of the test plugin.
type Key struct {
	Identity  string // AGE-PLUGIN-NFRTEST-1...
	Recipient string // age1nfrtest1...
}

// NewKey makes a fresh key pair: the plugin's data is the X25519 key's
// own text.
func NewKey(t testing.TB) Key {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return Key{
		Identity:  plugin.EncodeIdentity("nfrtest", []byte(id.String())),
		Recipient: strings.ToLower(plugin.EncodeRecipient("nfrtest", []byte(id.Recipient().String()))),
	}
}
