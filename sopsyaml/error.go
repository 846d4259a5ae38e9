package sopsyaml

import (
	"fmt"
	"regexp"
	"strconv"
)

// Error is bad input at a place in a file, printed as FILE:LINE:COL: Msg
// (the same shape as secretsnix.Error, which cmd/nfrekey prints bare).
type Error struct {
	File string
	Line int // 1-based
	Col  int // 1-based
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// Position reports where the error is.
func (e *Error) Position() (string, int, int) { return e.File, e.Line, e.Col }

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns yaml.v3's "yaml: line N: msg" into an Error at that line.
func yamlError(path string, err error) *Error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{File: path, Line: n, Col: 1, Msg: m[2]}
	}
	return &Error{File: path, Line: 1, Col: 1, Msg: msg}
}
