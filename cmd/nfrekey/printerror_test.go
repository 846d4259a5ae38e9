package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/reencrypt"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// TestPrintErrorOneLineEach: joined errors print one line each (a
// positioned one with its position), a multi-line message folds into one.
func TestPrintErrorOneLineEach(t *testing.T) {
	pos := &secretsnix.Error{File: "a/secrets.nix", Line: 3, Col: 5, Msg: "x.age is also declared in b/secrets.nix"}
	pos2 := &secretsnix.Error{File: "a/secrets.nix", Line: 4, Col: 5, Msg: "y.age is also declared in b/secrets.nix"}
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
		// Two rules files' conflicts, as Audit returns them (an
		// InputError around the join) and execute hands them over: every
		// one printed, not the first positioned one alone.
		{&exitError{code: exitInput, err: &reencrypt.InputError{Err: errors.Join(pos, pos2)}},
			"a/secrets.nix:3:5: x.age is also declared in b/secrets.nix\na/secrets.nix:4:5: y.age is also declared in b/secrets.nix\n"},
		// A join under context cannot be split: printed whole, folded,
		// rather than its first positioned part alone.
		{fmt.Errorf("--fix web1: %w", errors.Join(pos, pos2)),
			"nfrekey: --fix web1: a/secrets.nix:3:5: x.age is also declared in b/secrets.nix a/secrets.nix:4:5: y.age is also declared in b/secrets.nix\n"},
		// The commit's failures: a join holding one plan's join (the
		// other errors nil), or several.
		{errors.Join(errors.Join(errors.New("a.age: disk full"), errors.New("b.age: disk full"))),
			"nfrekey: a.age: disk full\nnfrekey: b.age: disk full\n"},
		{errors.Join(errors.Join(errors.New("a.age: x"), errors.New("b.age: y")), errors.New("c.age: z")),
			"nfrekey: a.age: x\nnfrekey: b.age: y\nnfrekey: c.age: z\n"},
	} {
		var errb strings.Builder
		printError(&IO{Err: &errb}, tc.err)
		if errb.String() != tc.want {
			t.Errorf("%q: printed %q, want %q", tc.err, errb.String(), tc.want)
		}
	}
}
