package main

// palette colours terminal output. The zero value prints plain text, which
// is what every pipe, file and test sees unless colour was asked for.
type palette struct{ on bool }

// newPalette decides once per run: --no-color and NO_COLOR (any value,
// https://no-color.org) always win; CLICOLOR_FORCE forces colour into a
// pipe (for pagers and goldens); otherwise colour only on a terminal.
func newPalette(io *IO, g *globalOptions) palette {
	getenv := io.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	switch {
	case g.NoColor, getenv("NO_COLOR") != "":
		return palette{}
	case getenv("CLICOLOR_FORCE") != "" && getenv("CLICOLOR_FORCE") != "0":
		return palette{on: true}
	}
	return palette{on: io.StdoutTTY}
}

const (
	sgrReset  = "\x1b[0m"
	sgrRed    = "\x1b[31m"
	sgrGreen  = "\x1b[32m"
	sgrYellow = "\x1b[33m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
)

func (p palette) wrap(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return code + s + sgrReset
}

func (p palette) added(s string) string   { return p.wrap(sgrGreen, s) }
func (p palette) removed(s string) string { return p.wrap(sgrRed, s) }
func (p palette) changed(s string) string { return p.wrap(sgrYellow, s) }
func (p palette) bold(s string) string    { return p.wrap(sgrBold, s) }
func (p palette) dim(s string) string     { return p.wrap(sgrDim, s) }
