package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/reencrypt"
)

type removeHostOptions struct {
	NoRekey bool
	DryRun  bool
	Yes     bool
}

func newRemoveHostCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &removeHostOptions{}
	cmd := &cobra.Command{
		Use:   "remove-host NAME [--no-rekey] [--dry-run] [--yes]",
		Short: "Remove a host's key and every reference to it, and re-encrypt what it could read under fresh keys",
		Long: `Removes NAME's binding and every reference to it (list elements, inherits, its
host-keys/NAME.pub), verifies that exactly its key left exactly the secrets it was in, and
re-encrypts those secrets under fresh file keys. The secrets it could read are listed on
stderr: git history keeps their old ciphertexts, so rotate their values.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRemoveHost(cmd.Context(), io, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.NoRekey, "no-rekey", false, "edit the rules only; rekey later")
	f.BoolVar(&o.DryRun, "dry-run", false, "show the edit as a diff and the rekey plan; write nothing")
	f.BoolVarP(&o.Yes, "yes", "y", false, "skip the confirmation")
	return cmd
}

func runRemoveHost(ctx context.Context, io *IO, g *globalOptions, o *removeHostOptions, name string) error {
	if g.useNix() {
		return usageErrorf("remove-host edits the rules with the native evaluator; --eval=nix cannot verify an edit before it is written")
	}
	repo, rules, err := repoAndBackends(g)
	if err != nil {
		return err
	}
	opts := reencrypt.RemoveHostOptions{RepoRoot: repo, RulesFiles: rules, Name: name, SopsConfig: g.SopsConfig,
		NoRekey: o.NoRekey, DryRun: o.DryRun, Jobs: g.Jobs}
	// Off a terminal confirm fails at once, naming --yes: a script must
	// say it means the removal, as the contract asks of every question.
	if !o.DryRun && !o.Yes {
		ok, err := confirm(io, fmt.Sprintf("Remove %s and re-encrypt the secrets it could read?", name), "--yes")
		if err != nil {
			return err
		}
		if !ok {
			return inputError(fmt.Errorf("%s not removed; nothing changed", name))
		}
	}
	if !o.DryRun && !o.NoRekey {
		if opts.Identities, err = loadIdentities(io, g); err != nil {
			return err
		}
	}
	opts.Progress = commitWatcher(io)
	res, err := reencrypt.RemoveHost(ctx, opts)
	return finishInterrupted(io, renderHostChange(io, g, "remove-host", res, err, o.DryRun))
}

// commitWatcher tells the signal handling when the renames start: from
// then on a signal finishes the commit instead of aborting it.
func commitWatcher(io *IO) func(reencrypt.Event) {
	return func(e reencrypt.Event) {
		if e.Kind == reencrypt.EventCommitting {
			io.Interrupts.commitStarted()
		}
	}
}

// finishInterrupted maps the outcome of a mutating run a signal reached
// to the contract's 130: before the commit nothing was written; during it
// the renames were finished, and the run's own report (already printed)
// says what they did.
func finishInterrupted(io *IO, err error) error {
	if !io.Interrupts.interrupted() {
		return err
	}
	var ee *exitError
	if io.Interrupts.committing.Load() && err != nil && (!errors.As(err, &ee) || !ee.silent) {
		printError(io, err)
	}
	return interruptedError(io.Interrupts, err)
}

type hostJSON struct {
	Host        string          `json:"host"`
	Key         string          `json:"key,omitempty"`
	Fingerprint string          `json:"fingerprint,omitempty"`
	OldKey      string          `json:"old_key,omitempty"`
	Unchanged   bool            `json:"unchanged"`
	DryRun      bool            `json:"dry_run"`
	Edits       []hostJSONEdit  `json:"edits"`
	Affected    []string        `json:"affected"`
	Missing     []string        `json:"missing"`
	HostKey     string          `json:"host_key,omitempty"`
	Plan        []rekeyJSONFile `json:"plan"`
	Rekeyed     int             `json:"rekeyed"`
	Failed      []rekeyJSONFail `json:"failed"`
}

type hostJSONEdit struct {
	Path    string `json:"path"`
	Created bool   `json:"created,omitempty"`
	Deleted bool   `json:"deleted,omitempty"`
	Diff    string `json:"diff"`
}

type rekeyJSONFile struct {
	Path   string   `json:"path"`
	Add    []string `json:"add"`
	Remove []string `json:"remove"`
	Fresh  bool     `json:"fresh"`
}

type rekeyJSONFail struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// renderHostChange prints what add-host/remove-host did (or, dry, would
// do) and maps the error to an exit code.
func renderHostChange(io *IO, g *globalOptions, cmd string, res *reencrypt.HostResult, err error, dry bool) error {
	var oe *reencrypt.OpenError
	if errors.As(err, &oe) {
		for _, f := range oe.Files {
			fmt.Fprintf(io.Err, "nfrekey: %s: %s\n", f.Path, oneLine(f.Err.Error()))
		}
		fmt.Fprintf(io.Err, "nfrekey: %s; the rules were not changed\n", oe.Summary())
		if g.JSON {
			writeJSONError(io, err)
		}
		return &exitError{code: exitInput, silent: true}
	}
	if res == nil || reencrypt.IsInput(err) {
		// Nothing was written: the error is the whole story.
		return reencryptError(err)
	}
	if !g.Quiet {
		sweepNotes(io, res.TempsRemoved, res.Finished, res.Abandoned)
	}
	if g.JSON {
		if jerr := writeJSON(io, hostDoc(res, dry)); jerr != nil {
			return jerr
		}
	} else if !g.Quiet {
		renderHostText(io, cmd, res, dry)
	}
	if cmd == "add-host" && !res.Unchanged && len(res.Affected) == 0 {
		// Bound, and in a list no secret uses (yet): not an error, but
		// rarely what was meant by --group.
		fmt.Fprintf(io.Err, "nfrekey: warning: no secret lists %s's key after this edit: it can read nothing yet (is the group used by a secret?)\n", res.Name)
	}
	if cmd == "remove-host" && res.Committed && len(res.Affected) > 0 {
		fmt.Fprintf(io.Err, "nfrekey: %s could read %s; git history keeps their old ciphertexts: rotate these values\n",
			res.Name, strings.Join(res.Affected, ", "))
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				fmt.Fprintf(io.Err, "nfrekey: %s\n", line)
			}
		}
		return &exitError{code: exitDrift, silent: true}
	}
	return nil
}

func renderHostText(io *IO, cmd string, res *reencrypt.HostResult, dry bool) {
	if res.Unchanged {
		fmt.Fprintf(io.Out, "%s: the rules already say so; nothing to edit\n", res.Name)
	}
	for _, e := range res.Edits {
		if !dry && !res.Committed {
			// The rules commit failed (its error follows): nothing was edited.
			break
		}
		if dry {
			fmt.Fprint(io.Out, e.Diff)
			continue
		}
		verb := "edited"
		switch {
		case e.Created:
			verb = "created"
		case e.Deleted:
			verb = "deleted"
		}
		fmt.Fprintf(io.Out, "%s %s\n", verb, e.Path)
	}
	if res.Rekey != nil {
		for _, p := range res.Rekey.Plan {
			fmt.Fprintln(io.Out, planLine(p))
		}
	}
	for _, m := range res.Missing {
		fmt.Fprintf(io.Err, "nfrekey: %s is declared but does not exist yet: create it with nfrekey edit %s\n", m, m)
	}
	if res.HostKeyPath != "" && !dry {
		dir := filepath.Dir(filepath.Dir(filepath.Dir(res.HostKeyPath)))
		fmt.Fprintf(io.Out, "host key written to %s\ninstall with: nixos-anywhere --flake .#%s --extra-files %s root@HOST\n", res.HostKeyPath, res.Name, dir)
		if reencrypt.CommittableInGit(res.HostKeyPath) {
			fmt.Fprintf(io.Err, "nfrekey: warning: %s is in the git work tree and not ignored: git add -A would commit the host's private key; shred it once the host has it (or keep --extra-files outside the repo, or in .gitignore)\n", res.HostKeyPath)
		}
	}
	if dry {
		n := 0
		if res.Rekey != nil {
			n = len(res.Rekey.Plan)
		}
		fmt.Fprintf(io.Out, "dry run: %d file(s) to edit, %d secret(s) to rekey; nothing written\n", len(res.Edits), n)
		return
	}
	if res.Rekey != nil {
		fmt.Fprintf(io.Out, "rekeyed %d, unchanged %d, failed %d\n", res.Rekey.Rekeyed, res.Rekey.Unchanged, len(res.Rekey.Failed))
	}
}

func hostDoc(res *reencrypt.HostResult, dry bool) hostJSON {
	d := hostJSON{Host: res.Name, OldKey: res.OldKey, Unchanged: res.Unchanged, DryRun: dry,
		Edits: []hostJSONEdit{}, Affected: nonNil(res.Affected), Missing: nonNil(res.Missing),
		Plan: []rekeyJSONFile{}, Failed: []rekeyJSONFail{}, HostKey: res.HostKeyPath}
	if res.Key.Kind != 0 {
		d.Key = res.Key.String()
		d.Fingerprint = res.Key.Fingerprint()
	}
	for _, e := range res.Edits {
		d.Edits = append(d.Edits, hostJSONEdit{Path: e.Path, Created: e.Created, Deleted: e.Deleted, Diff: e.Diff})
	}
	if res.Rekey != nil {
		for _, p := range res.Rekey.Plan {
			d.Plan = append(d.Plan, rekeyJSONFile{Path: p.Path, Add: nonNil(p.Add), Remove: nonNil(p.Remove), Fresh: p.Fresh})
		}
		d.Rekeyed = res.Rekey.Rekeyed
		for _, f := range res.Rekey.Failed {
			d.Failed = append(d.Failed, rekeyJSONFail{Path: f.Path, Error: oneLine(f.Err.Error())})
		}
	}
	return d
}

func writeJSON(io *IO, v any) error {
	enc := json.NewEncoder(io.Out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
