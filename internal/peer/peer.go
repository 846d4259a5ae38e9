// Package peer finds the external programs tests use as oracles (age,
// nix-instantiate, sshd, ssh-keygen, python3 with nacl). A missing peer
// skips the test with the reason, unless NFREKEY_REQUIRE_PEERS=1 (set in
// CI), where it fails it: CI installs every peer, so a skip there would
// hide a test that never ran.
package peer

import (
	"os"
	"os/exec"
	"testing"
)

// Required reports whether missing peers must fail tests instead of skipping them.
func Required() bool { return os.Getenv("NFREKEY_REQUIRE_PEERS") == "1" }

// Need returns the path of program, or skips (fails under
// NFREKEY_REQUIRE_PEERS=1) when it is not installed.
func Need(t testing.TB, program string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	Missing(t, program+" is not installed")
	return ""
}

// Missing skips (or, under NFREKEY_REQUIRE_PEERS=1, fails) with reason.
func Missing(t testing.TB, reason string) {
	t.Helper()
	if Required() {
		t.Fatalf("required peer missing: %s (NFREKEY_REQUIRE_PEERS=1)", reason)
	}
	t.Skipf("skipped: %s (set up by .ci/run; NFREKEY_REQUIRE_PEERS=1 makes this a failure)", reason)
}
