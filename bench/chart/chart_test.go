package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"strings"
	"testing"
)

// TestChartFresh keeps docs/benchmarks.svg drawn from bench/figures.tsv:
// a figure changed in one and not the other fails here.
func TestChartFresh(t *testing.T) {
	data, err := os.ReadFile("../figures.tsv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parseFigures(data)
	if err != nil {
		t.Fatal(err)
	}
	want := render(rows)
	got, err := os.ReadFile("../../docs/benchmarks.svg")
	if err != nil || !bytes.Equal(got, want) {
		if os.Getenv("NFREKEY_UPDATE_DOCS") != "" {
			if err := os.WriteFile("../../docs/benchmarks.svg", want, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Fatalf("docs/benchmarks.svg is stale (go run ./bench/chart, or NFREKEY_UPDATE_DOCS=1 go test ./bench/chart): %v", err)
	}
	// Well-formed, one labelled ratio per figure.
	if err := xml.Unmarshal(want, new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	if n := strings.Count(string(want), "x)</text>"); n != len(rows) {
		t.Errorf("%d ratio labels for %d figures", n, len(rows))
	}
}

func TestParseFiguresRefusesBadLines(t *testing.T) {
	for _, in := range []string{"", "a\t1\tb", "a\tx\tb\t2", "a\t0\tb\t1", "# only a comment\n"} {
		if _, err := parseFigures([]byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	rows, err := parseFigures([]byte("# c\r\na\t0.5\tb\t2\r\n"))
	if err != nil || len(rows) != 1 || rows[0].theirs/rows[0].ours != 4 {
		t.Fatalf("got %+v, %v", rows, err)
	}
}
