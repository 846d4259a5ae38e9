package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

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
is written; each file is replaced atomically. A file in sync is not touched.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRekey(cmd.Context(), io, g, o, args)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.DryRun, "dry-run", false, "print the plan only")
	f.BoolVar(&o.Force, "force", false, "re-encrypt every selected file, in sync or not")
	f.BoolVar(&o.Rotate, "rotate", false, "give the rekeyed files fresh file keys even when only adding recipients")
	return cmd
}

func planLine(p reencrypt.PlannedFile) string {
	parts := []string{"~ " + p.Path}
	var ch []string
	for _, a := range p.Add {
		ch = append(ch, "+"+a)
	}
	for _, r := range p.Remove {
		ch = append(ch, "-"+r)
	}
	if len(ch) > 0 {
		parts = append(parts, strings.Join(ch, " "))
	}
	return strings.Join(parts, "  ")
}

func runRekey(ctx context.Context, io *IO, g *globalOptions, o *rekeyOptions, args []string) error {
	repo, rules, err := repoAndBackends(g)
	if err != nil {
		return err
	}
	opts := reencrypt.RekeyOptions{
		RepoRoot: repo, RulesFile: rules, DryRun: o.DryRun, Force: o.Force, Rotate: o.Rotate, Jobs: g.Jobs,
		UseNix: g.useNix(), SopsConfig: g.SopsConfig,
	}
	for _, a := range args {
		abs, err := filepath.Abs(a)
		if err != nil {
			return inputError(err)
		}
		opts.Paths = append(opts.Paths, abs)
	}
	if !o.DryRun {
		if opts.Identities, err = loadIdentities(io, g); err != nil {
			return err
		}
	}
	var bar *progressbar.ProgressBar
	planned := 0
	opts.Progress = func(e reencrypt.Event) {
		switch e.Kind {
		case reencrypt.EventPlanned:
			planned++
			if !g.Quiet {
				fmt.Fprintln(io.Out, planLine(e.File))
			}
		case reencrypt.EventWritten, reencrypt.EventFailed:
			if io.StderrTTY && !g.Quiet {
				if bar == nil {
					bar = progressbar.NewOptions(planned, progressbar.OptionSetWriter(io.Err),
						progressbar.OptionSetDescription("rekeying"), progressbar.OptionClearOnFinish())
				}
				bar.Add(1)
			} else if g.Verbose && e.Kind == reencrypt.EventWritten {
				fmt.Fprintf(io.Err, "nfrekey: rekeyed %s\n", e.File.Path)
			}
		}
	}
	res, err := reencrypt.Rekey(ctx, opts)
	if bar != nil {
		bar.Finish()
	}
	var oe *reencrypt.OpenError
	if errors.As(err, &oe) {
		// One line per file, then what it means for the run: the
		// contract's one line per error.
		for _, f := range oe.Files {
			fmt.Fprintf(io.Err, "nfrekey: %s: %s\n", f.Path, oneLine(f.Err.Error()))
		}
		fmt.Fprintf(io.Err, "nfrekey: %s\n", oe.Summary())
		return &exitError{code: exitInput, silent: true}
	}
	if reencrypt.IsInput(err) || res == nil {
		return reencryptError(err)
	}
	if !o.DryRun && !g.Quiet {
		fmt.Fprintf(io.Out, "rekeyed %d, unchanged %d, failed %d\n", res.Rekeyed, res.Unchanged, len(res.Failed))
	}
	if res.TempsRemoved > 0 && !g.Quiet {
		fmt.Fprintf(io.Err, "nfrekey: removed %d temp files left by an interrupted run\n", res.TempsRemoved)
	}
	if n := len(res.Unverified); n > 0 && !g.Quiet {
		// Plain rekey leaves them alone (their counts agree); say how to
		// make them auditable rather than let them stay unverified unseen.
		fmt.Fprintf(io.Err, "nfrekey: %d secrets are unverified (X25519 recipients not provable from the header); rekey --force PATH... to bring them under the lock\n", n)
	}
	if err != nil {
		// The commit's failures (files left as they were, fsyncs, the
		// lock file), one line each.
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range joined.Unwrap() {
				fmt.Fprintf(io.Err, "nfrekey: %s\n", oneLine(e.Error()))
			}
			return &exitError{code: exitDrift, silent: true}
		}
		return reencryptError(err)
	}
	return nil
}
