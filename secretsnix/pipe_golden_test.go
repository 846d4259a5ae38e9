package secretsnix

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPipeGoldens evaluates testdata/pipes: NAME.nix or NAME/secrets.nix
// against NAME.json / NAME/secrets.json. Nix 2.8 cannot parse pipes, so
// these goldens were written from Nix's grammar and checked by hand, not
// by the oracle; -update rewrites them from the native evaluator.
func TestPipeGoldens(t *testing.T) {
	files, _ := filepath.Glob("testdata/pipes/*.nix")
	more, _ := filepath.Glob("testdata/pipes/*/secrets.nix")
	files = append(files, more...)
	if len(files) < 2 {
		t.Fatal("no pipe goldens")
	}
	for _, f := range files {
		v, err := EvalFile(f, Options{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		got, err := json.MarshalIndent(v, "", "  ")
		must(t, err)
		golden := strings.TrimSuffix(f, ".nix") + ".json"
		if *updateGolden {
			must(t, os.WriteFile(golden, append(got, '\n'), 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("missing golden (go test -run PipeGoldens -update): %v", err)
		}
		if !sameJSON(string(got), string(want)) {
			t.Errorf("%s:\n got  %s\n want %s", f, got, want)
		}
	}
}
