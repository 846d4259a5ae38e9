package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocumentedCICommands runs the nfrekey command of each documented CI
// recipe (docs/ci/*.yml, .pre-commit-hooks.yaml) on the example fleet: it
// must parse as written and find the fleet in sync, so that a renamed
// flag or format breaks this test before it breaks a user's pipeline.
func TestDocumentedCICommands(t *testing.T) {
	root := filepath.Join("..", "..")
	cmdRE := regexp.MustCompile(`(?m)^\s*(?:- (?:run: )?|entry: )(nfrekey [^>#\n]*)`)
	files := []string{"docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml", ".pre-commit-hooks.yaml"}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		ms := cmdRE.FindAllStringSubmatch(string(data), -1)
		if len(ms) == 0 {
			t.Errorf("%s: no nfrekey command found", f)
		}
		for _, m := range ms {
			args := strings.Fields(m[1])[1:]
			var out, errb bytes.Buffer
			io := &IO{In: strings.NewReader(""), Out: &out, Err: &errb}
			full := append([]string{"--repo", filepath.Join(root, "fixtures", "example")}, args...)
			if code := run(context.Background(), io, full); code != 0 {
				t.Errorf("%s: %q on fixtures/example: exit %d\n%s%s", f, m[1], code, out.String(), errb.String())
			}
		}
	}
}
