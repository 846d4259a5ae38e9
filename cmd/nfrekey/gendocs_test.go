package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// docsDir is the checked-in command reference, generated from the cobra
// tree: docs/cli/*.md and docs/cli/man/*.1.
var docsDir = filepath.Join("..", "..", "docs", "cli")

// TestGeneratedDocsFresh fails when docs/cli differs from what the
// command tree generates; NFREKEY_UPDATE_DOCS=1 go test -run
// TestGeneratedDocsFresh ./cmd/nfrekey rewrites it.
func TestGeneratedDocsFresh(t *testing.T) {
	want := generateDocs(t)
	if os.Getenv("NFREKEY_UPDATE_DOCS") == "1" {
		for _, sub := range []string{"", "man"} {
			old, _ := filepath.Glob(filepath.Join(docsDir, sub, "*.[1m]*"))
			for _, f := range old {
				if strings.HasSuffix(f, ".md") || strings.HasSuffix(f, ".1") {
					os.Remove(f)
				}
			}
		}
		for name, data := range want {
			p := filepath.Join(docsDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	have := map[string]bool{}
	for _, pat := range []string{"*.md", "man/*.1"} {
		files, _ := filepath.Glob(filepath.Join(docsDir, filepath.FromSlash(pat)))
		for _, f := range files {
			rel, _ := filepath.Rel(docsDir, f)
			have[filepath.ToSlash(rel)] = true
		}
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(docsDir, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("docs/cli/%s is stale (run NFREKEY_UPDATE_DOCS=1 go test -run TestGeneratedDocsFresh ./cmd/nfrekey)", name)
		}
		delete(have, name)
	}
	for name := range have {
		t.Errorf("docs/cli/%s documents no command (run NFREKEY_UPDATE_DOCS=1 go test -run TestGeneratedDocsFresh ./cmd/nfrekey)", name)
	}
}

// generateDocs renders the reference in memory: markdown per command and
// a man page per command, with no date or machine-dependent default.
func generateDocs(t *testing.T) map[string][]byte {
	t.Helper()
	io := &IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	root, _ := newRootCmd(io)
	root.DisableAutoGenTag = true
	root.InitDefaultCompletionCmd()
	dir := t.TempDir()
	if err := doc.GenMarkdownTree(root, dir); err != nil {
		t.Fatal(err)
	}
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	hdr := &doc.GenManHeader{Title: "NFREKEY", Section: "1", Source: "nfrekey", Manual: "nfrekey manual", Date: &date}
	if err := os.Mkdir(filepath.Join(dir, "man"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := doc.GenManTree(root, hdr, filepath.Join(dir, "man")); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 2*len(visibleCommands(root)) {
		t.Fatalf("generated %d files for %d commands", len(out), len(visibleCommands(root)))
	}
	return out
}

func visibleCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() {
			out = append(out, visibleCommands(s)...)
		}
	}
	return out
}
