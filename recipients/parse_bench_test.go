package recipients

import "testing"

// BenchmarkParseEd25519 is the cost of one key of a rules file, the
// subgroup check included (a rules file of N keys parses each once).
func BenchmarkParseEd25519(b *testing.B) {
	line := readTestdata(b, "ed25519.pub")
	for b.Loop() {
		if _, err := Parse(line); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseX25519 is the cost of one age1 key, the curve checks included.
func BenchmarkParseX25519(b *testing.B) {
	const line = "age1pwemqgp26slm0nst6nksaqs85sz75uwr3plune24m68fsedjudusa7sja7"
	for b.Loop() {
		if _, err := Parse(line); err != nil {
			b.Fatal(err)
		}
	}
}
