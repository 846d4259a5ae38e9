package secretsnix

import (
	"os"
	"path/filepath"
	"testing"
)

func fuzzSeeds(f *testing.F) {
	for _, c := range evalCases {
		f.Add(c.src)
	}
	for _, s := range parseCases {
		f.Add(s)
	}
	files, _ := filepath.Glob("testdata/rules/*/*.nix")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
}

// FuzzParse: parsing terminates without panicking on any input, and what
// parses prints back byte for byte with a well-formed tree.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		pf, err := Parse("f.nix", src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error is %T, not *Error", err)
			}
			return
		}
		if got := Print(pf); got != src {
			t.Fatalf("Print differs:\n%q\n%q", src, got)
		}
		checkTree(t, pf, pf.Root)
	})
}

// FuzzEval: evaluation of anything terminates within a step budget and
// fails only with *Error.
func FuzzEval(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		_, err := evalString("/nonexistent/f.nix", src, evalOptions{maxSteps: 20000})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error is %T, not *Error: %v", err, err)
			}
		}
	})
}
