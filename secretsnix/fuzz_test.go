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
	for _, c := range builtinCases {
		f.Add(c.src)
	}
	for _, c := range pipeCases {
		f.Add(c.src)
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

// FuzzFromTOML: fromTOML of anything is a value or an *Error.
func FuzzFromTOML(f *testing.F) {
	for _, s := range []string{"a = 1\n[t]\nb = [1, 2.5, \"x\"]\n[[arr]]\nx = 1", "a = 1979-05-27", "a = ", "a = 1\na = 2", "x = inf\ny = nan", "'q' = '''lit'''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ev := newEvaluator("/nonexistent", 20000)
		op := primops()["fromTOML"]
		if _, err := op.fn(ev, []*thunk{done(&strV{s: s})}, 0); err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error is %T, not *Error: %v", err, err)
			}
		}
	})
}
