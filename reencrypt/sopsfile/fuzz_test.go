package sopsfile

import (
	"testing"
)

// FuzzLoad feeds any bytes, under every format's file name, to Sniff and
// Load: they must not panic, and a file Load accepts has key groups, none
// empty, and is one Sniff recognises.
func FuzzLoad(f *testing.F) {
	for _, c := range formats {
		f.Add(uint8(0), fixture(f, c.name))
	}
	for i, name := range []string{"plain.yaml", "plain.json", "plain.env", "plain.ini"} {
		f.Add(uint8(i), fixture(f, name))
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := "s" + []string{".yaml", ".json", ".env", ".ini", ".bin"}[int(which)%5]
		sniffed := Sniff(name, data)
		file, err := Load(name, data)
		if err != nil {
			return
		}
		if !sniffed {
			t.Errorf("Load accepts what Sniff rejects")
		}
		if len(file.Groups) == 0 {
			t.Fatal("loaded with no key groups")
		}
		for _, g := range file.Groups {
			if len(g.Recipients) == 0 {
				t.Fatal("loaded with an empty key group")
			}
		}
	})
}
