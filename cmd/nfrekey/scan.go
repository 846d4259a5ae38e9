package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/recipients"
)

type scanOptions struct {
	Timeout           time.Duration
	ExpectFingerprint string
	KnownHosts        string
}

func newScanCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan HOST[:PORT]... [--timeout D] [--json] [--expect-fingerprint SHA256:...] [--known-hosts FILE]",
		Short: "Fetch hosts' ssh-ed25519 host keys with a native SSH handshake",
		Long: `Like ssh-keyscan -t ed25519: connects to each host, runs the SSH key exchange
(no authentication) and prints its host key, SHA256 fingerprint and age1... form.
--expect-fingerprint (one host) and --known-hosts check the key against what you
already trust; a mismatch, like any failed host, exits 2.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), io, g, o, args)
		},
	}
	f := cmd.Flags()
	f.DurationVar(&o.Timeout, "timeout", recipients.DefaultScanTimeout, "connect and handshake timeout per host")
	f.StringVar(&o.ExpectFingerprint, "expect-fingerprint", "", "fail unless the host key has this SHA256:... fingerprint (one host only)")
	f.StringVar(&o.KnownHosts, "known-hosts", "", "fail when this known_hosts file lists another key for a host")
	return cmd
}

type scanJSONHost struct {
	Host        string `json:"host"`
	Port        int    `json:"port"`
	Key         string `json:"key,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Age         string `json:"age,omitempty"`
	Error       string `json:"error,omitempty"`
}

func runScan(ctx context.Context, io *IO, g *globalOptions, o *scanOptions, hosts []string) error {
	if len(hosts) == 0 {
		return usageErrorf("scan needs at least one HOST[:PORT]")
	}
	if o.Timeout <= 0 {
		return usageErrorf("--timeout must be positive, not %v", o.Timeout)
	}
	opts := recipients.ScanOptions{Timeout: o.Timeout}
	if o.ExpectFingerprint != "" {
		if len(hosts) != 1 {
			return usageErrorf("--expect-fingerprint checks one host; %d given", len(hosts))
		}
		fp, err := recipients.ParseFingerprint(o.ExpectFingerprint)
		if err != nil {
			return usageErrorf("--expect-fingerprint: %v", err)
		}
		opts.ExpectFingerprint = fp
	}
	for _, h := range hosts {
		if _, _, err := recipients.SplitHostPort(h); err != nil {
			return usageErrorf("%v", err)
		}
	}
	if o.KnownHosts != "" {
		kh, err := recipients.ReadKnownHostsFile(o.KnownHosts)
		if err != nil {
			return inputError(err)
		}
		opts.KnownHosts = kh
	}

	results := recipients.ScanAll(ctx, hosts, opts)

	var failures []string
	var doc struct {
		Hosts []scanJSONHost `json:"hosts"`
		// Error is the contract's error object, for a run that exits 2
		// because a host failed: the one document carries both.
		Error *jsonErrorBody `json:"error,omitempty"`
	}
	for _, r := range results {
		h := scanJSONHost{Host: r.Host, Port: r.Port}
		if r.Host == "" {
			h.Host = r.Addr
		}
		if r.Recipient.Kind != 0 {
			h.Key = r.Recipient.String()
			h.Fingerprint = r.Recipient.Fingerprint()
			if a, err := r.Recipient.ToAgeX25519(); err == nil {
				h.Age = a.String()
			}
		}
		if r.Err != nil {
			h.Error = reason(r.Err)
			failures = append(failures, r.Addr+": "+h.Error)
			fmt.Fprintf(io.Err, "nfrekey: %s: %s\n", r.Addr, h.Error)
		}
		doc.Hosts = append(doc.Hosts, h)
		if !g.JSON && r.Err == nil {
			fmt.Fprintf(io.Out, "%s %s\n# %s %s\n", r.Name(), h.Key, h.Fingerprint, h.Age)
		}
	}
	if len(failures) > 0 {
		doc.Error = &jsonErrorBody{Message: fmt.Sprintf("%d of %s failed: %s",
			len(failures), plural(len(results), "host", "hosts"), oneLine(strings.Join(failures, "; ")))}
	}
	if g.JSON {
		enc := json.NewEncoder(io.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			return err
		}
	}
	if len(failures) > 0 {
		return &exitError{code: exitInput, silent: true}
	}
	return nil
}

// reason is a scan error without the address its message starts with.
func reason(err error) string {
	var se *recipients.ScanError
	if errors.As(err, &se) {
		return se.Err.Error()
	}
	return err.Error()
}
