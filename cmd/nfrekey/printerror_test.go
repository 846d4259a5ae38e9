package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/secretsnix"
)

// TestPrintErrorOneLineEach: joined errors print one line each (a
// positioned one with its position), a multi-line message folds into one.
func TestPrintErrorOneLineEach(t *testing.T) {
	pos := &secretsnix.Error{File: "a/secrets.nix", Line: 3, Col: 5, Msg: "x.age is also declared in b/secrets.nix"}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{errors.New("one"), "nfrekey: one\n"},
		{errors.New("two\nlines"), "nfrekey: two lines\n"},
		{errors.Join(errors.New("a.age: disk full"), errors.New("b.age: disk full")), "nfrekey: a.age: disk full\nnfrekey: b.age: disk full\n"},
		{errors.Join(pos, errors.New("other")), "a/secrets.nix:3:5: x.age is also declared in b/secrets.nix\nnfrekey: other\n"},
		{errors.Join(errors.New("alone")), "nfrekey: alone\n"},
		{fmt.Errorf("wrapped: %w", errors.New("x")), "nfrekey: wrapped: x\n"},
	} {
		var errb strings.Builder
		printError(&IO{Err: &errb}, tc.err)
		if errb.String() != tc.want {
			t.Errorf("%q: printed %q, want %q", tc.err, errb.String(), tc.want)
		}
	}
}
