package recipients

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// ErrFingerprintMismatch is wrapped by the errors of CheckFingerprint and
// KnownHosts.Check when a host presents a key other than the one expected.
var ErrFingerprintMismatch = errors.New("host key mismatch")

// CheckFingerprint checks that r has the SHA256 fingerprint expect, as
// ssh-keygen -lf and ssh print it ("SHA256:" and unpadded base64; trailing
// "=" padding is tolerated). A mismatch names both fingerprints.
func CheckFingerprint(r Recipient, expect string) error {
	want, err := ParseFingerprint(expect)
	if err != nil {
		return err
	}
	got := r.Fingerprint()
	if got == "" {
		return fmt.Errorf("%s has no SSH fingerprint to check", r.Kind)
	}
	if got != want {
		return fmt.Errorf("%w: the host key is %s, expected %s", ErrFingerprintMismatch, got, want)
	}
	return nil
}

// ParseFingerprint validates a SHA256:... fingerprint and returns its
// canonical form (unpadded, as ssh-keygen prints it).
func ParseFingerprint(s string) (string, error) {
	s = strings.TrimSpace(s)
	b64, ok := strings.CutPrefix(s, "SHA256:")
	if !ok {
		if strings.HasPrefix(s, "MD5:") || strings.Count(s, ":") == 15 {
			return "", errors.New("MD5 fingerprints are not accepted: give the SHA256:... form (ssh-keygen -lf FILE)")
		}
		return "", fmt.Errorf("invalid fingerprint %q: want SHA256:... as ssh-keygen -lf prints it", truncate(s, 60))
	}
	b64 = strings.TrimRight(b64, "=")
	sum, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil || len(sum) != 32 {
		return "", fmt.Errorf("invalid fingerprint %q: want SHA256: and 43 base64 characters", truncate(s, 60))
	}
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum), nil
}

func base64Std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
