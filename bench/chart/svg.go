package main

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// figure is one comparison: nfrekey's time and the alternative's.
type figure struct {
	what        string
	ours        float64 // seconds
	alternative string
	theirs      float64 // seconds
}

func parseFigures(data []byte) ([]figure, error) {
	var out []figure
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("line %d: want 4 tab-separated fields, have %d", i+1, len(f))
		}
		ours, err1 := strconv.ParseFloat(f[1], 64)
		theirs, err2 := strconv.ParseFloat(f[3], 64)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		if ours <= 0 || theirs <= 0 {
			return nil, fmt.Errorf("line %d: times must be positive", i+1)
		}
		out = append(out, figure{what: f[0], ours: ours, alternative: f[2], theirs: theirs})
	}
	if len(out) == 0 {
		return nil, errors.New("no figures")
	}
	return out, nil
}

const (
	width    = 760
	labelW   = 250
	barH     = 14
	rowGap   = 18
	rowH     = 2*barH + 4 + rowGap + 14
	top      = 40
	rightPad = 110
)

// render draws each figure as two bars on a shared log scale, the
// alternative's labelled with how many times slower it is.
func render(rows []figure) []byte {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		lo, hi = math.Min(lo, math.Min(r.ours, r.theirs)), math.Max(hi, math.Max(r.ours, r.theirs))
	}
	lo = math.Pow(10, math.Floor(math.Log10(lo)))
	hi = math.Pow(10, math.Ceil(math.Log10(hi)))
	plotW := float64(width - labelW - rightPad)
	x := func(s float64) float64 { return plotW * math.Log10(s/lo) / math.Log10(hi/lo) }
	height := top + len(rows)*rowH + 30

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="10" y="20" font-size="14" font-weight="bold">nfrekey (blue) against the tool it replaces (grey), wall time, log scale</text>`+"\n")
	for d := lo; d <= hi*1.0001; d *= 10 {
		gx := float64(labelW) + x(d)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`+"\n", gx, top-6, gx, height-24)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#666">%s</text>`+"\n", gx, height-10, seconds(d))
	}
	for i, r := range rows {
		y := top + i*rowH
		fmt.Fprintf(&b, `<text x="10" y="%d" font-weight="bold">%s</text>`+"\n", y+10, html.EscapeString(r.what))
		by := y + 16
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">nfrekey</text>`+"\n", labelW-6, by+11)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#2b6cb0"/>`+"\n", labelW, by, math.Max(1, x(r.ours)), barH)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`+"\n", float64(labelW)+x(r.ours)+4, by+11, seconds(r.ours))
		by += barH + 4
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" fill="#444">%s</text>`+"\n", labelW-6, by+11, html.EscapeString(trim(r.alternative, 38)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#a0aec0"/>`+"\n", labelW, by, math.Max(1, x(r.theirs)), barH)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s (%.1fx)</text>`+"\n", float64(labelW)+x(r.theirs)+4, by+11, seconds(r.theirs), r.theirs/r.ours)
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

func seconds(s float64) string {
	switch {
	case s >= 1:
		return strconv.FormatFloat(s, 'g', 4, 64) + " s"
	case s >= 0.001:
		return strconv.FormatFloat(s*1000, 'g', 4, 64) + " ms"
	}
	return strconv.FormatFloat(s*1e6, 'g', 4, 64) + " µs"
}

func trim(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
