package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes of docs/cli.md (and exitInterrupted, 130).
const (
	exitOK    = 0
	exitDrift = 1 // audit: drift; mutating commands: some files failed (left as they were)
	exitInput = 2 // bad usage or bad input; nothing on disk changed
)

// exitError carries an exit code through cobra's error return. Silent means
// the command already reported everything it had to say.
type exitError struct {
	code   int
	err    error
	silent bool
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf is bad usage: exit 2.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitInput, err: fmt.Errorf(format, args...)}
}

// inputError is bad input (a file, a key, a lock held): exit 2.
func inputError(err error) error {
	return &exitError{code: exitInput, err: err}
}

// globalOptions are the flags every command shares (docs/cli.md, global flags).
type globalOptions struct {
	Repo       string
	Rules      []string
	SopsConfig string // --sops-config: governs every sops file
	Identities []string
	JSON       bool
	Verbose    bool
	Quiet      bool
	NoColor    bool
	Jobs       int    // 0: one per CPU
	Eval       string // native or nix: how the rules file is evaluated

	// outerTop, when the repo root was found by its secrets.nix or
	// .sops.yaml, is the nearest directory above it holding .git or
	// flake.nix: the repo's real top, if the user ran nfrekey from a host
	// directory of a multi-rules repo.
	outerTop  string
	rootFound string // the marker the root was found by

	// noted are the -v notes already printed: each repo root, rules file
	// and identity is said once, however often it is looked up.
	noted map[string]bool
	io    *IO
}

// note prints a -v note once.
func (g *globalOptions) note(format string, args ...any) {
	if !g.Verbose || g.io == nil {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if g.noted[msg] {
		return
	}
	if g.noted == nil {
		g.noted = map[string]bool{}
	}
	g.noted[msg] = true
	fmt.Fprintf(g.io.Err, "nfrekey: %s\n", msg)
}

// useNix reports whether --eval=nix was given.
func (g *globalOptions) useNix() bool { return g.Eval == "nix" }

func newRootCmd(io *IO) (*cobra.Command, *globalOptions) {
	g := &globalOptions{io: io}
	root := &cobra.Command{
		Use:   "nfrekey",
		Short: "Keep a NixOS fleet's secrets encrypted to exactly the right machines",
		Long: `nfrekey reads the recipients a fleet declares (agenix secrets.nix, sops .sops.yaml),
harvests host keys, and re-encrypts exactly the secrets whose recipients changed.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v (see '%s --help')", flagErrorWords(err), c.CommandPath())
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.Repo, "repo", "", "repo root (default: nearest parent holding secrets.nix, .sops.yaml, flake.nix or .git)")
	pf.StringArrayVar(&g.Rules, "rules", nil, "agenix rules file, repeatable (default: $RULES, else secrets.nix or secrets/secrets.nix under the repo root, else every secrets.nix under it that declares secrets)")
	pf.StringVar(&g.SopsConfig, "sops-config", "", "sops config governing every sops file (default: each file's nearest .sops.yaml up to the repo root)")
	pf.StringArrayVarP(&g.Identities, "identity", "i", nil, "identity file (SSH private key or age identity file); repeatable")
	pf.BoolVar(&g.JSON, "json", false, "print results as JSON")
	pf.BoolVarP(&g.Verbose, "verbose", "v", false, "explain what is done and skipped")
	pf.BoolVarP(&g.Quiet, "quiet", "q", false, "print errors only")
	pf.BoolVar(&g.NoColor, "no-color", false, "never colour the output")
	// 0 is one per CPU (reencrypt's default), so that help and the
	// generated reference do not depend on the machine that made them.
	pf.VarP((*jobsValue)(&g.Jobs), "jobs", "j", "files processed in parallel (default: one per CPU)")
	pf.StringVar(&g.Eval, "eval", "native", "rules evaluator: native or nix (runs nix-instantiate once)")
	root.PersistentPreRunE = func(c *cobra.Command, args []string) error {
		if g.Eval != "native" && g.Eval != "nix" {
			return usageErrorf("--eval must be native or nix, not %q", g.Eval)
		}
		return nil
	}

	addVersion(root, io)
	root.AddCommand(newRulesCmd(io, g))
	root.AddCommand(newLsCmd(io, g))
	root.AddCommand(newAuditCmd(io, g))
	root.AddCommand(newRekeyCmd(io, g))
	root.AddCommand(newScanCmd(io, g))
	root.AddCommand(newAddHostCmd(io, g))
	root.AddCommand(newRemoveHostCmd(io, g))
	root.AddCommand(newEditCmd(io, g))
	root.AddCommand(newDecryptCmd(io, g))
	root.AddCommand(newCheckHostsCmd(io, g))
	// Last: completions are registered on every command added above.
	registerCompletions(root, io, g)
	return root, g
}

// run is main without os.Exit, so testscript can call it in-process.
func run(ctx context.Context, io *IO, args []string) int {
	code := execute(ctx, io, args)
	if code != exitInterrupted && io.Interrupts.interrupted() {
		// A read-only command (or one stopped before it wrote) cut short
		// by SIGINT/SIGTERM: the contract's 130, not its error's code.
		fmt.Fprintln(io.Err, "nfrekey: interrupted")
		return exitInterrupted
	}
	return code
}

func execute(ctx context.Context, io *IO, args []string) int {
	root, g := newRootCmd(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if lostOutput(io, err) {
		// main reports a failed stdout once, with the exit code it
		// deserves (reportLostOutput): not also as this command's error.
		return exitOK
	}
	hintRepoTop(g, err)
	// A bad flag stops cobra before it reaches a later --json: the error
	// is still owed as JSON to a script that asked for it.
	g.JSON = g.JSON || argsAskJSON(args)
	var ee *exitError
	if errors.As(err, &ee) {
		if !ee.silent && ee.err != nil {
			printError(io, ee.err)
			if g.JSON {
				writeJSONError(io, ee.err)
			}
		}
		return ee.code
	}
	// Errors cobra produces itself (unknown command, bad args) are usage errors.
	printError(io, err)
	if g.JSON {
		writeJSONError(io, err)
	}
	return exitInput
}

// argsAskJSON reports whether the command line gives --json (the last
// --json or --json=BOOL before a "--" wins), for errors met before the
// flag parser got to it.
func argsAskJSON(args []string) bool {
	want := false
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--json" {
			want = true
		} else if v, ok := strings.CutPrefix(a, "--json="); ok {
			b, err := strconv.ParseBool(v)
			want = err == nil && b
		}
	}
	return want
}

// lostOutput reports whether err is nothing but stdout failing (a closed
// pipe, a full disk), as recorded by main's recordingWriter.
func lostOutput(io *IO, err error) bool {
	rw, ok := io.Out.(*recordingWriter)
	return ok && rw.Err() != nil && errors.Is(err, rw.Err())
}

// jsonError is the contract's error document: with --json, an error is
// also a JSON object on stdout, so a pipe reading stdout sees it.
type jsonError struct {
	Error jsonErrorBody `json:"error"`
}

// jsonErrorBody is the error object itself, also carried inside a
// document that reports results and an error at once (scan).
type jsonErrorBody struct {
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

func writeJSONError(io *IO, err error) {
	var doc jsonError
	doc.Error.Message = oneLine(err.Error())
	var pe positioned
	if errors.As(err, &pe) {
		doc.Error.File, doc.Error.Line, doc.Error.Column = pe.Position()
	}
	_ = writeJSON(io, doc)
}

// positioned is implemented by errors about a place in an input file; they
// print as FILE:LINE:COL: message, without the program name (docs/cli.md).
type positioned interface {
	error
	Position() (file string, line, col int)
}

func printError(io *IO, err error) {
	// Several errors joined (files that failed, rules in conflict): one
	// line each, as the contract says, not one line holding them all.
	for _, e := range errorParts(err) {
		// A part still holding several errors (a join under a prefix of
		// context) prints whole, folded: its first position alone would
		// drop the others.
		var pe positioned
		if errors.As(e, &pe) && !holdsJoin(e) {
			fmt.Fprintln(io.Err, oneLine(pe.Error()))
			continue
		}
		fmt.Fprintf(io.Err, "nfrekey: %s\n", oneLine(e.Error()))
	}
}

// errorParts is err split into the errors it joins, also through
// wrappers that add nothing to the message (exitError, the library's
// InputError around the rules files' conflicts) and joins of joins (the
// commit's failures, per plan): looking for a position in the whole
// would print the first positioned part alone and drop the others.
func errorParts(err error) []error {
	msg := err.Error()
	for e := err; e != nil && e.Error() == msg; e = errors.Unwrap(e) {
		j, ok := e.(interface{ Unwrap() []error })
		if !ok {
			continue
		}
		if !isJoin(e, j.Unwrap()) {
			break
		}
		var out []error
		for _, p := range j.Unwrap() {
			if p != nil {
				out = append(out, errorParts(p)...)
			}
		}
		return out
	}
	return []error{err}
}

// holdsJoin reports whether a join of several errors is wrapped in err.
func holdsJoin(err error) bool {
	for e := err; e != nil; {
		j, ok := e.(interface{ Unwrap() []error })
		if !ok {
			e = errors.Unwrap(e)
			continue
		}
		errs := j.Unwrap()
		if len(errs) != 1 {
			return len(errs) > 1
		}
		e = errs[0]
	}
	return false
}

// isJoin reports whether err is errors.Join of errs (its message their
// messages, one per line; a join of one join is one too, as commitAll
// makes when only one plan failed): other multi-errors (OpenError)
// summarise their parts themselves.
func isJoin(err error, errs []error) bool {
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		if e != nil {
			msgs = append(msgs, e.Error())
		}
	}
	return len(msgs) > 0 && err.Error() == strings.Join(msgs, "\n")
}

// oneLine folds a multi-line message (cobra's "Did you mean this?" among
// them) into the one line per error the contract promises.
func oneLine(msg string) string {
	var parts []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}
