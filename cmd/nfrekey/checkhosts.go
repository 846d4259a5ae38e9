package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/reencrypt"
	"github.com/nfrekey/nfrekey/reencrypt/hostcheck"
)

type checkHostsOptions struct {
	Addresses  []string
	Timeout    time.Duration
	Format     string
	Strict     bool
	Fix        bool
	Yes        bool
	KnownHosts string
	SSHConfig  string
	// Concurrency is how many hosts are scanned at once (-j counts the
	// files --fix re-encrypts in parallel, a CPU bound; this one is a
	// bound on open connections, most of them waiting).
	Concurrency int
}

func newCheckHostsCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &checkHostsOptions{}
	cmd := &cobra.Command{
		Use:   "check-hosts [NAME...] [--address NAME=HOST[:PORT]]... [--timeout D] [--concurrency N] [--format text|json|github] [--strict] [--fix [--yes]] [--known-hosts FILE]",
		Short: "Scan every host the rules name and report keys that changed (a reinstalled host)",
		Long: `Scans each host bound to an ssh-ed25519 key in the rules, or anchored under keys:
in a .sops.yaml (an ssh-ed25519 key or its age1 form), or only the NAMEs given, and
compares the host key it presents with the declared one: ok, changed, unreachable
or no-ed25519. A name in both is one host. The address is --address NAME=HOST[:PORT], else an address kept beside
the key in the rules ({ pubkey = "..."; address = "..."; }), else HostName/Port of
~/.ssh/config, else NAME itself; -v says which. Exit 0 all ok, 1 a key changed or a
host has no ed25519 key, 2 bad input; unreachable hosts alone exit 0 unless --strict.
--fix runs add-host NAME --replace with the scanned key for each changed host, after
showing both fingerprints: asked on a terminal, else it needs --yes, or --known-hosts
FILE listing the new key.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if g.JSON && cmd.Flags().Changed("format") && o.Format != "json" {
				return usageErrorf("--json and --format %s disagree", o.Format)
			}
			if g.JSON {
				o.Format = "json"
			}
			return runCheckHosts(cmd.Context(), io, g, o, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.Addresses, "address", nil, "scan NAME at HOST[:PORT] (NAME=HOST[:PORT]); repeatable")
	f.DurationVar(&o.Timeout, "timeout", recipients.DefaultScanTimeout, "connect and handshake timeout per host")
	f.IntVar(&o.Concurrency, "concurrency", hostcheck.DefaultConcurrency, "hosts scanned at once (each stalled host holds one for a whole --timeout)")
	f.StringVar(&o.Format, "format", "text", "output: text, json or github (annotations)")
	f.BoolVar(&o.Strict, "strict", false, "count unreachable hosts as a failure (exit 1)")
	f.BoolVar(&o.Fix, "fix", false, "re-encrypt for the new key of each changed host (add-host --replace)")
	f.BoolVarP(&o.Yes, "yes", "y", false, "with --fix: accept the scanned keys without asking")
	f.StringVar(&o.KnownHosts, "known-hosts", "", "with --fix: a changed host whose new key this known_hosts file lists is accepted")
	f.StringVar(&o.SSHConfig, "ssh-config", "", "OpenSSH client config for HostName/Port (default ~/.ssh/config)")
	return cmd
}

func runCheckHosts(ctx context.Context, io *IO, g *globalOptions, o *checkHostsOptions, names []string) error {
	switch o.Format {
	case "text", "json", "github":
	default:
		return usageErrorf("--format must be text, json or github, not %q", o.Format)
	}
	if o.Timeout <= 0 {
		return usageErrorf("--timeout must be positive, not %v", o.Timeout)
	}
	if o.Concurrency < 1 {
		return usageErrorf("--concurrency must be 1 or more, not %d", o.Concurrency)
	}
	if o.Yes && !o.Fix {
		return usageErrorf("--yes accepts the keys --fix would bind: use it with --fix")
	}
	addrs, err := hostcheck.ParseAddresses(o.Addresses)
	if err != nil {
		return usageErrorf("%v", err)
	}
	repo, rules, err := repoAndBackends(g)
	if err != nil {
		return err
	}
	hosts, notes, err := hostcheck.AgenixHosts(hostcheck.AgenixOptions{RepoRoot: repo, RulesFiles: rules, UseNix: g.useNix()})
	if err != nil {
		return inputError(err)
	}
	verbose(io, g, notes...)
	sopsHosts, notes, err := sopsDeclaredHosts(ctx, g, repo)
	if err != nil {
		return err
	}
	verbose(io, g, notes...)
	hosts, notes = hostcheck.Merge(hosts, sopsHosts)
	verbose(io, g, notes...)
	sort.SliceStable(hosts, func(i, j int) bool { return hosts[i].Name < hosts[j].Name })
	hosts, err = selectHosts(io, g, hosts, names, addrs)
	if err != nil {
		return err
	}
	for _, h := range hosts {
		// Only the hosts checked: a user's two keys (ssh for agenix, age
		// for sops) are no concern of check-hosts web1.
		verbose(io, g, h.Warnings...)
	}
	res, err := sshConfigResolver(io, g, o, addrs)
	if err != nil {
		return err
	}
	targets := make([]hostcheck.Target, len(hosts))
	for i, h := range hosts {
		addr, via := res.Resolve(h)
		targets[i] = hostcheck.Target{Host: h, Address: addr, Via: via}
		verbosef(io, g, "%s: scanning %s (%s)", h.Name, addr, viaText(via))
	}
	var kh *recipients.KnownHosts
	if o.KnownHosts != "" {
		if kh, err = recipients.ReadKnownHostsFile(o.KnownHosts); err != nil {
			return inputError(err)
		}
	}
	results := hostcheck.Check(ctx, targets, hostcheck.Options{Timeout: o.Timeout, Concurrency: o.Concurrency, KnownHosts: kh})
	if ctx.Err() != nil {
		// run turns this into the contract's 130.
		return &exitError{code: exitInput, silent: true}
	}
	fixed := map[string]bool{}
	if o.Fix {
		if fixed, err = fixChanged(ctx, io, g, o, repo, rules, results); err != nil {
			return err
		}
	}
	if err := renderCheckHosts(io, g, o, repo, results, fixed); err != nil {
		return err
	}
	return checkHostsExit(io, o, results, fixed)
}

// selectHosts keeps the NAMEs given, or, with none, every name bound to an
// ssh-ed25519 key: users' keys among them, which are unreachable (exit 0)
// unless an address for them says otherwise. Give NAMEs to check only hosts.
func selectHosts(io *IO, g *globalOptions, hosts []hostcheck.Host, names []string, addrs map[string]string) ([]hostcheck.Host, error) {
	byName := map[string]hostcheck.Host{}
	var all []string
	for _, h := range hosts {
		byName[h.Name] = h
		all = append(all, h.Name)
	}
	sort.Strings(all)
	for n := range addrs {
		if _, ok := byName[n]; !ok {
			return nil, usageErrorf("--address %s: no ssh-ed25519 key is bound to %s, in the rules or as a .sops.yaml anchor (names: %s)", n, n, strings.Join(all, ", "))
		}
	}
	if len(names) == 0 {
		verbosef(io, g, "checking every name bound to an ssh-ed25519 key (%d): users' keys too, which show as unreachable; name hosts to check only them", len(hosts))
		return hosts, nil
	}
	var out []hostcheck.Host
	seen := map[string]bool{}
	for _, n := range names {
		h, ok := byName[n]
		if !ok {
			return nil, usageErrorf("unknown host %s: no ssh-ed25519 key is bound to it, in the rules or as a .sops.yaml anchor (names: %s)", n, strings.Join(all, ", "))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, h)
		}
	}
	verbosef(io, g, "checking the %d name(s) given", len(out))
	return out, nil
}

func sshConfigResolver(io *IO, g *globalOptions, o *checkHostsOptions, addrs map[string]string) (*hostcheck.Resolver, error) {
	path := o.SSHConfig
	if path == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			verbosef(io, g, "no home directory, so no ~/.ssh/config: %v", err)
			return &hostcheck.Resolver{Addresses: addrs}, nil
		}
		path = filepath.Join(home, ".ssh", "config")
	}
	cfg, err := hostcheck.LoadSSHConfig(path)
	if err != nil {
		return nil, inputError(err)
	}
	if cfg == nil {
		if o.SSHConfig != "" {
			return nil, usageErrorf("--ssh-config %s: no such file", path)
		}
		verbosef(io, g, "no %s: names are scanned as DNS names unless given an address", path)
	}
	return &hostcheck.Resolver{Addresses: addrs, SSHConfig: cfg}, nil
}

func viaText(v hostcheck.Via) string {
	switch v {
	case hostcheck.ViaFlag:
		return "from --address"
	case hostcheck.ViaRules:
		return "the address in the rules"
	case hostcheck.ViaSSHConfig:
		return "from ~/.ssh/config"
	}
	return "the name as a DNS name"
}

func verbosef(io *IO, g *globalOptions, format string, args ...any) {
	if g.Verbose {
		fmt.Fprintf(io.Err, "nfrekey: "+format+"\n", args...)
	}
}

func verbose(io *IO, g *globalOptions, notes ...hostcheck.Note) {
	for _, n := range notes {
		if n.Warning() {
			fmt.Fprintf(io.Err, "nfrekey: %s\n", n)
			continue
		}
		verbosef(io, g, "%s", n)
	}
}

// fixChanged binds each changed host's scanned key in place of the old one
// and re-encrypts its secrets (add-host NAME --replace), once the key is
// trusted: vouched for by --known-hosts, --yes, or a yes on a terminal.
func fixChanged(ctx context.Context, io *IO, g *globalOptions, o *checkHostsOptions, repo string, rules []string, results []hostcheck.Result) (map[string]bool, error) {
	fixed := map[string]bool{}
	var todo []hostcheck.Result
	for _, r := range results {
		if r.Status != hostcheck.StatusChanged {
			continue
		}
		fmt.Fprintf(io.Err, "nfrekey: %s (%s) changed: declared %s, found %s; secrets: %s\n",
			r.Name, r.Address, keyLabel(r.Key), r.Found.Fingerprint(), secretList(r.Secrets))
		if err := checkFixable(ctx, g, repo, rules, r); err != nil {
			return nil, err
		}
		switch {
		case r.Vouched:
			fmt.Fprintf(io.Err, "nfrekey: %s: %s lists the new key\n", r.Name, o.KnownHosts)
		case o.Yes:
		default:
			ok, err := confirm(io, fmt.Sprintf("Bind %s to %s and re-encrypt its secrets?", r.Name, r.Found.Fingerprint()), "--yes (or --known-hosts FILE listing the new key)")
			if err != nil {
				return nil, err
			}
			if !ok {
				fmt.Fprintf(io.Err, "nfrekey: %s left as it is\n", r.Name)
				continue
			}
		}
		todo = append(todo, r)
	}
	if len(todo) == 0 {
		return fixed, nil
	}
	ids, err := loadIdentities(io, g)
	if err != nil {
		return nil, err
	}
	for _, r := range todo {
		res, err := reencrypt.AddHost(ctx, fixOptions(g, repo, rules, r, ids))
		if err != nil {
			return nil, fixError(io, g, r.Name, res, err)
		}
		if !g.JSON && !g.Quiet {
			renderHostText(io, "add-host", res, false)
		}
		fixed[r.Name] = true
		fmt.Fprintf(io.Err, "nfrekey: %s is now bound to %s (was %s)\n", r.Name, r.Found.Fingerprint(), keyLabel(r.Key))
	}
	return fixed, nil
}

// fixOptions is add-host NAME --key FOUND --replace, restricted to the
// secrets the host already had: naming them as --secret globs grants
// nothing new, and the edit is verified to swap the key and nothing else.
// The .sops.yaml anchor keeps the form it had: the ssh-to-age form unless
// it held the ssh key itself.
func fixOptions(g *globalOptions, repo string, rules []string, r hostcheck.Result, ids *identity.Set) reencrypt.AddHostOptions {
	opts := reencrypt.AddHostOptions{RepoRoot: repo, RulesFiles: rules, Name: r.Name, Key: r.Found, Replace: true,
		SopsConfig: g.SopsConfig, Jobs: g.Jobs, Identities: ids}
	var age, sops []string
	for _, d := range r.Declared {
		switch d.Backend {
		case hostcheck.BackendSops:
			sops = append(sops, d.Secrets...)
			opts.SopsSSH = opts.SopsSSH || d.Key.Kind == recipients.SSHEd25519
		default:
			age = append(age, d.Secrets...)
		}
	}
	if len(r.Declared) == 0 {
		age = r.Secrets
	}
	// agenix names secrets relative to its rules file; add-host's sops
	// globs are relative to the repo root.
	opts.Secrets = append(secretGlobs(repo, rules, age), secretGlobs(repo, nil, sops)...)
	return opts
}

// checkFixable refuses a fix the add-host edit cannot make exactly: one
// whose dry run fails (nixedit refuses what it cannot place, such as a
// computed key) or would not swap the declared key for the found one. A
// host kept as a record has the string literal of its key field replaced,
// verified like every nixedit edit. Nothing is written by then.
func checkFixable(ctx context.Context, g *globalOptions, repo string, rules []string, r hostcheck.Result) error {
	if len(r.Secrets) == 0 {
		return usageErrorf("%s: no secret is encrypted to it; run nfrekey add-host %s --key '%s' --replace --group G", r.Name, r.Name, r.Found)
	}
	opts := fixOptions(g, repo, rules, r, nil)
	opts.DryRun, opts.NoRekey, opts.Jobs = true, true, 1
	res, err := reencrypt.AddHost(ctx, opts)
	if err != nil {
		return reencryptError(fmt.Errorf("--fix %s: %w", r.Name, err))
	}
	if old, err := recipients.Parse(res.OldKey); err != nil || !hostcheck.SameHostKey(old, r.Key) {
		return usageErrorf("--fix %s: the add-host edit would not replace the declared key %s (it replaces %q); nothing changed", r.Name, keyLabel(r.Key), res.OldKey)
	}
	return nil
}

// fixError reports a failed --fix; the hosts fixed before it stay fixed.
func fixError(io *IO, g *globalOptions, name string, res *reencrypt.HostResult, err error) error {
	if g.JSON {
		return reencryptError(fmt.Errorf("--fix %s: %w", name, err))
	}
	return renderHostChange(io, g, "add-host", res, err, false)
}

// secretGlobs turns secrets (relative to the repo root) into path.Match
// patterns matching exactly their names as the one rules file writes
// them. With several rules files they stay relative to the repo root,
// which add-host matches against each file's own entries: made relative
// to the first file's directory, b/y.age would become ../b/y.age, which
// matches nothing, and a/x.age would become x.age, which also matches
// (and would grant) b/secrets.nix's own "x.age".
func secretGlobs(repo string, rules []string, secrets []string) []string {
	dir := repo
	if len(rules) == 1 {
		dir = filepath.Dir(rules[0])
	}
	esc := strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`)
	var out []string
	for _, s := range secrets {
		rel, err := filepath.Rel(dir, filepath.Join(repo, s))
		if err != nil {
			rel = s
		}
		out = append(out, esc.Replace(filepath.ToSlash(rel)))
	}
	return out
}

// sopsDeclaredHosts are the hosts anchored in the repo's .sops.yaml files,
// with the sops files each one's key opens: the audit finds the files
// (their metadata takes the sops library, which hostcheck must not use).
func sopsDeclaredHosts(ctx context.Context, g *globalOptions, repo string) ([]hostcheck.Host, []hostcheck.Note, error) {
	inv, err := reencrypt.Audit(ctx, reencrypt.AuditOptions{RepoRoot: repo, SopsConfig: g.SopsConfig, Jobs: g.Jobs})
	if err != nil {
		return nil, nil, reencryptError(err)
	}
	var secrets []hostcheck.SopsSecret
	for _, s := range inv.Secrets {
		if s.Backend != reencrypt.BackendSops || s.Rules == "" {
			continue
		}
		ss := hostcheck.SopsSecret{Path: s.Path, Config: s.Rules}
		for _, k := range s.Keys {
			ss.Keys = append(ss.Keys, k.Recipient)
		}
		secrets = append(secrets, ss)
	}
	hosts, notes, err := hostcheck.SopsHosts(hostcheck.SopsOptions{RepoRoot: inv.RepoRoot, Configs: inv.SopsConfigs, Secrets: secrets})
	if err != nil {
		return nil, nil, inputError(err)
	}
	return hosts, notes, nil
}

// keyLabel names a declared key: its fingerprint, or an age key itself.
func keyLabel(k recipients.Recipient) string {
	if fp := k.Fingerprint(); fp != "" {
		return fp
	}
	return k.String()
}

func secretList(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
