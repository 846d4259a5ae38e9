package hostcheck

import (
	"testing"

	"github.com/nfrekey/nfrekey/secretsnix"
)

// FuzzRecords: whatever a rules file parses to, finding its records never
// panics, and every record found has a name.
func FuzzRecords(f *testing.F) {
	f.Add(`{ web1 = { pubkey = "ssh-ed25519 A"; address = "10.0.0.1"; }; }`)
	f.Add(`let h.web1.key = "k"; h.web1.ip = "x${y}"; in { a.publicKeys = [ h.web1.key ]; }`)
	f.Add(`{ ${x}.pubkey = "k"; "a b" = { hostKey = ("k"); host = ''h''; }; }`)
	f.Fuzz(func(t *testing.T, src string) {
		file, err := secretsnix.Parse("f.nix", src)
		if err != nil {
			return
		}
		out := map[recordKey]record{}
		walkRecords(file, file.Root, out)
		for k, r := range out {
			if r.name == "" || k.offset < 0 || k.offset > len(src) {
				t.Fatalf("record %+v at %+v", r, k)
			}
		}
	})
}
