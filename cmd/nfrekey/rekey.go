package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/reencrypt"
)

type rekeyOptions struct {
	DryRun bool
	Force  bool
	Rotate bool
}

func newRekeyCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &rekeyOptions{}
	cmd := &cobra.Command{
		Use:   "rekey [PATH...] [--dry-run] [--force] [--rotate]",
		Short: "Re-encrypt the stale secrets (or the PATHs named) to their declared recipients",
		Long: `Brings every stale secret, or only the PATHs named, to its declared recipients.
Adding recipients rewraps the file key only (the payload bytes stay); removing one, --rotate
or --force re-encrypts under a fresh file key. Every planned file is opened before anything
is written; each file is replaced atomically. A file in sync is not touched.

--dry-run is a preflight: it loads the identities and opens every planned file, writing
nothing, so that a dry run exiting 0 means the real run can open everything.`,
		Example: `  nfrekey rekey --dry-run -i ~/.ssh/id_ed25519
  nfrekey rekey -i ~/.ssh/id_ed25519
  nfrekey rekey --rotate secrets/db.age
  nfrekey rekey --json | jq '.failed'`,
		ValidArgsFunction: completeSecretPaths(io, g),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRekey(cmd.Context(), io, g, o, args)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.DryRun, "dry-run", false, "open every planned file and print the plan; write nothing")
	f.BoolVar(&o.Force, "force", false, "re-encrypt every selected file, in sync or not")
	f.BoolVar(&o.Rotate, "rotate", false, "give the rekeyed files fresh file keys even when only adding recipients")
	return cmd
}

// rekeyReason says how a planned file is rewritten and why: a rewrap
// keeps the payload bytes; a re-encryption gives a fresh file key. o is
// nil when the flags of the run are not known (add-host, remove-host).
func rekeyReason(p reencrypt.PlannedFile, o *rekeyOptions) string {
	switch {
	case !p.Fresh:
		return "rewrap"
	case o != nil && o.Force:
		return "re-encrypt (--force)"
	case len(p.Remove) > 0:
		return "re-encrypt (recipient removed)"
	case o != nil && o.Rotate:
		return "re-encrypt (--rotate)"
	case o != nil:
		return "re-encrypt (recipients not provable from the header)"
	}
	return "re-encrypt"
}

// planLine is the plan line of add-host and remove-host.
func planLine(p reencrypt.PlannedFile) string { return planText(p, nil, palette{}) }

// planText is `~ PATH  +add -remove  how`, coloured by pal.
func planText(p reencrypt.PlannedFile, o *rekeyOptions, pal palette) string {
	parts := []string{pal.changed("~") + " " + pal.bold(p.Path)}
	var ch []string
	for _, a := range p.Add {
		ch = append(ch, pal.added("+"+a))
	}
	for _, r := range p.Remove {
		ch = append(ch, pal.removed("-"+r))
	}
	if len(ch) > 0 {
		parts = append(parts, strings.Join(ch, " "))
	}
	parts = append(parts, pal.dim(rekeyReason(p, o)))
	return strings.Join(parts, "  ")
}

func runRekey(ctx context.Context, io *IO, g *globalOptions, o *rekeyOptions, args []string) (err error) {
	// A signal once the renames started: they were finished; the run's own
	// outcome is reported, then it exits 130 saying so.
	defer func() {
		if io.Interrupts.interrupted() && io.Interrupts.committing.Load() {
			var ee *exitError
			if err != nil && (!errors.As(err, &ee) || !ee.silent) {
				printError(io, err)
			}
			err = interruptedError(io.Interrupts, nil)
		}
	}()
	repo, rules, err := repoAndBackends(g)
	if err != nil {
		return err
	}
	opts := reencrypt.RekeyOptions{
		RepoRoot: repo, RulesFiles: rules, DryRun: o.DryRun, Preflight: o.DryRun, Steps: true, Force: o.Force, Rotate: o.Rotate,
		Jobs: g.Jobs, UseNix: g.useNix(), SopsConfig: g.SopsConfig,
	}
	for _, a := range args {
		abs, err := filepath.Abs(secretPath(repo, a))
		if err != nil {
			return inputError(err)
		}
		opts.Paths = append(opts.Paths, abs)
	}
	if o.DryRun && len(g.Identities) == 0 {
		// The contract's dry run needs no key (a CI job previews a
		// rekey, perhaps on a machine with an unrelated host key): it
		// plans only and says so. With -i it is the preflight.
		opts.Preflight = false
		if !g.Quiet {
			fmt.Fprintln(io.Err, "nfrekey: no -i given: the plan is not checked against the files (give -i to open them)")
		}
	} else if opts.Identities, err = loadIdentities(io, g); err != nil {
		return err
	}
	pal := newPalette(io, g)
	var bar *rekeyBar
	if io.StderrTTY && !g.Quiet && !g.JSON {
		bar = newRekeyBar(io.Err, o.DryRun)
	}
	planned := 0
	opts.Progress = func(e reencrypt.Event) {
		switch e.Kind {
		case reencrypt.EventCommitting:
			io.Interrupts.commitStarted()
		case reencrypt.EventPlanned:
			planned++
			if !g.Quiet && !g.JSON {
				if bar != nil && bar.bar != nil {
					_ = bar.bar.Clear()
				}
				fmt.Fprintln(io.Out, planText(e.File, o, pal))
			}
		default:
			if bar != nil {
				bar.event(e, planned)
			} else if g.Verbose && e.Kind == reencrypt.EventWritten {
				fmt.Fprintf(io.Err, "nfrekey: rekeyed %s\n", e.File.Path)
			}
		}
	}
	res, err := reencrypt.Rekey(ctx, opts)
	if bar != nil {
		bar.finish()
	}
	if io.Interrupts.interrupted() && !io.Interrupts.committing.Load() {
		return interruptedError(io.Interrupts, err)
	}
	var oe *reencrypt.OpenError
	if errors.As(err, &oe) {
		// One line per file, then what it means for the run: the
		// contract's one line per error.
		for _, f := range oe.Files {
			fmt.Fprintf(io.Err, "nfrekey: %s: %s\n", f.Path, oneLine(f.Err.Error()))
		}
		fmt.Fprintf(io.Err, "nfrekey: %s\n", oe.Summary())
		if g.JSON {
			writeJSONError(io, err)
		}
		return &exitError{code: exitInput, silent: true}
	}
	if reencrypt.IsInput(err) || res == nil {
		return reencryptError(err)
	}
	if g.JSON {
		if jerr := writeJSON(io, rekeyDoc(res, o)); jerr != nil {
			return jerr
		}
	} else if !g.Quiet {
		fmt.Fprintln(io.Out, rekeySummary(res, o.DryRun))
	}
	if !g.Quiet {
		rekeyNotes(io, res, relPaths(repo, rules))
		if o.Rotate && !o.Force && len(res.Plan) == 0 && res.Unchanged > 0 {
			// "rekeyed 0" after asking to rotate reads like a failure, or
			// is missed: --rotate does not widen the plan (the contract).
			fmt.Fprintln(io.Err, "nfrekey: note: --rotate gives fresh file keys only to the secrets a rekey changes, and every one selected is in sync: --rotate --force re-encrypts them all under fresh keys")
		}
		if o.DryRun {
			pendingJournalNote(io, repo)
		}
	}
	if err != nil {
		// The commit's failures (files left as they were, fsyncs, the
		// lock file), one line each.
		if _, ok := err.(interface{ Unwrap() []error }); ok {
			printError(io, err)
			return &exitError{code: exitDrift, silent: true}
		}
		return reencryptError(err)
	}
	return nil
}

// rekeySummary is the run's last line on stdout. The real run's is the
// contract's `rekeyed N, unchanged M, failed K`.
func rekeySummary(res *reencrypt.RekeyResult, dry bool) string {
	if !dry {
		return fmt.Sprintf("rekeyed %d, unchanged %d, failed %d", res.Rekeyed, res.Unchanged, len(res.Failed))
	}
	fresh := 0
	for _, p := range res.Plan {
		if p.Fresh {
			fresh++
		}
	}
	s := fmt.Sprintf("dry run: %s to rekey (%d rewrap, %d re-encryption), %d unchanged",
		plural(len(res.Plan), "secret", "secrets"), len(res.Plan)-fresh, fresh, res.Unchanged)
	if len(res.Plan) > 0 {
		s += "; every planned file opens with these identities"
	}
	return s + "; nothing written"
}

// sweepNotes tells what a mutating run cleaned up after killed runs
// before its own work.
func sweepNotes(io *IO, temps int, finished, abandoned []string) {
	if len(finished) > 0 {
		fmt.Fprintf(io.Err, "nfrekey: finished the rules edit an interrupted run left unfinished: %s\n", strings.Join(finished, ", "))
	}
	if len(abandoned) > 0 {
		// None of it was written: the rules are as the operator left them,
		// and the command that was killed did not happen.
		fmt.Fprintf(io.Err, "nfrekey: warning: dropped the rules edit an interrupted run had not yet written (the rules files are as they were; run the interrupted command again if still wanted): %s\n", strings.Join(abandoned, "; "))
	}
	if temps > 0 {
		fmt.Fprintf(io.Err, "nfrekey: removed %s left by an interrupted run\n", plural(temps, "temp file", "temp files"))
	}
}

// pendingJournalNote warns a dry run (which takes no lock and so
// finishes nothing) that the real run first deals with the rules edit a
// killed run left: its plan is of the rules as they are now.
func pendingJournalNote(io *IO, repo string) {
	files, pending, err := txn.PendingJournal(repo)
	switch {
	case !pending:
	case err != nil:
		fmt.Fprintf(io.Err, "nfrekey: warning: %s: the real run will refuse to start: %s\n", txn.JournalName, oneLine(err.Error()))
	default:
		fmt.Fprintf(io.Err, "nfrekey: warning: %s: a killed run left its rules edit half written (%s): the real run finishes it first, so its plan may differ from this one\n", txn.JournalName, strings.Join(files, ", "))
	}
}

// rekeyNotes tells, on stderr, what the run left alone and the next step
// for each: temps of a killed run it removed, unverified, missing and
// undeclared secrets.
func rekeyNotes(io *IO, res *reencrypt.RekeyResult, rules []string) {
	sweepNotes(io, res.TempsRemoved, res.Finished, res.Abandoned)
	if n := len(res.Unverified); n > 0 {
		// Plain rekey leaves them alone (their counts agree); say how to
		// make them auditable rather than let them stay unverified unseen.
		fmt.Fprintf(io.Err, "nfrekey: %s (X25519 recipients not provable from the header); rekey --force PATH... to bring them under the lock\n",
			plural(n, "secret is unverified", "secrets are unverified"))
	}
	for _, m := range res.Missing {
		fmt.Fprintf(io.Err, "nfrekey: %s is declared but does not exist yet: create it with agenix -e %s\n", m, m)
	}
	for _, u := range res.Undeclared {
		fmt.Fprintf(io.Err, "nfrekey: %s is not declared in %s: add a rule for it, or delete it\n", u, strings.Join(rules, " or "))
	}
}

// plural is "1 secret", "2 secrets".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// rekeyJSON is the document of rekey --json (docs/cli.md).
type rekeyJSON struct {
	DryRun     bool             `json:"dry_run"`
	Plan       []rekeyJSONEntry `json:"plan"`
	Rekeyed    int              `json:"rekeyed"`
	Unchanged  int              `json:"unchanged"`
	Failed     []rekeyJSONFail  `json:"failed"`
	Unverified []string         `json:"unverified"`
	Missing    []string         `json:"missing"`
	Undeclared []string         `json:"undeclared"`
}

// rekeyJSONEntry is add-host's plan entry plus how and why.
type rekeyJSONEntry struct {
	rekeyJSONFile
	Reason string `json:"reason"`
}

func rekeyDoc(res *reencrypt.RekeyResult, o *rekeyOptions) rekeyJSON {
	d := rekeyJSON{DryRun: o.DryRun, Plan: []rekeyJSONEntry{}, Rekeyed: res.Rekeyed, Unchanged: res.Unchanged,
		Failed: []rekeyJSONFail{}, Unverified: nonNil(res.Unverified), Missing: nonNil(res.Missing),
		Undeclared: nonNil(res.Undeclared)}
	for _, p := range res.Plan {
		d.Plan = append(d.Plan, rekeyJSONEntry{
			rekeyJSONFile: rekeyJSONFile{Path: p.Path, Add: nonNil(p.Add), Remove: nonNil(p.Remove), Fresh: p.Fresh},
			Reason:        rekeyReason(p, o)})
	}
	for _, f := range res.Failed {
		d.Failed = append(d.Failed, rekeyJSONFail{Path: f.Path, Error: oneLine(f.Err.Error())})
	}
	return d
}
