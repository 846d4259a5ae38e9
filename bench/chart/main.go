// Command chart draws the headline comparisons of docs/benchmarks.md
// (bench/figures.tsv) as an SVG bar chart, docs/benchmarks.svg: nfrekey
// against the tool an operator would use instead, on a log scale, since
// the ratios run from 2x to 70x.
//
//	go run ./bench/chart [-in bench/figures.tsv] [-out docs/benchmarks.svg]
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	in := flag.String("in", "bench/figures.tsv", "figures, tab-separated")
	out := flag.String("out", "docs/benchmarks.svg", "the chart to write")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(2)
	}
	rows, err := parseFigures(data)
	if err != nil {
		fmt.Fprintf(os.Stderr, "chart: %s: %v\n", *in, err)
		os.Exit(2)
	}
	if err := os.WriteFile(*out, render(rows), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
}
