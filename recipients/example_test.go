package recipients_test

import (
	"fmt"

	"github.com/nfrekey/nfrekey/recipients"
)

// A host key as ssh-keyscan or a .pub file gives it: the comment plays no
// part in identity, and the age header names the key by its tag.
func ExampleParse() {
	r, err := recipients.Parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ0Y1lL0OypmTK6FrOX3RGOLd3THXCKBCUnkuwNszonA web1@throwaway-example\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Kind)
	fmt.Println(r.Fingerprint())
	fmt.Println(r.Tag())
	same, _ := recipients.Parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ0Y1lL0OypmTK6FrOX3RGOLd3THXCKBCUnkuwNszonA")
	fmt.Println(r.Equal(same))
	// Output:
	// ssh-ed25519
	// SHA256:bJbSVXTTptUIwCw+MrCGUe0OC3mTEh3Gj+iLg4ZNDnk
	// bJbSVQ
	// true
}

// sops-nix encrypts to the age X25519 form of a host's ssh-ed25519 key.
func ExampleRecipient_ToAgeX25519() {
	r, _ := recipients.Parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ0Y1lL0OypmTK6FrOX3RGOLd3THXCKBCUnkuwNszonA")
	a, err := r.ToAgeX25519()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a)
	// Output:
	// age19tw5rw5ntzfd6t2z8zggh0v4sa2g3jkyncd53ax9yjkwvc2cmuxsxetehr
}

// Private key material pasted where a public key belongs is refused
// without being echoed.
func ExampleParse_privateKey() {
	_, err := recipients.Parse("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA...\n-----END OPENSSH PRIVATE KEY-----")
	fmt.Println(err)
	// Output:
	// this is a private key, not a public key (it was not echoed; keep it secret and give its .pub instead)
}
