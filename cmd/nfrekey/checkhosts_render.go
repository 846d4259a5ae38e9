package main

import (
	"fmt"
	"strings"

	"github.com/nfrekey/nfrekey/reencrypt/hostcheck"
)

// checkHostsDoc is check-hosts --json (docs/cli.md).
type checkHostsDoc struct {
	Hosts []checkHostsJSON `json:"hosts"`
}

type checkHostsJSON struct {
	Name                string   `json:"name"`
	Address             string   `json:"address"`
	Via                 string   `json:"via"`
	Status              string   `json:"status"`
	DeclaredIn          string   `json:"declared_in"`
	DeclaredFingerprint string   `json:"declared_fingerprint"`
	DeclaredKey         string   `json:"declared_key"`
	FoundFingerprint    string   `json:"found_fingerprint,omitempty"`
	FoundKey            string   `json:"found_key,omitempty"`
	Error               string   `json:"error,omitempty"`
	Secrets             []string `json:"secrets"`
	Fixed               bool     `json:"fixed,omitempty"`
	// Declarations: every place the key is written (secrets.nix and
	// .sops.yaml for a host in both).
	Declarations []checkHostsDecl `json:"declarations"`
}

type checkHostsDecl struct {
	In      string   `json:"in"`
	Backend string   `json:"backend"`
	Key     string   `json:"key"`
	Secrets []string `json:"secrets"`
}

func renderCheckHosts(io *IO, g *globalOptions, o *checkHostsOptions, repo string, results []hostcheck.Result, fixed map[string]bool) error {
	switch o.Format {
	case "json":
		doc := checkHostsDoc{Hosts: []checkHostsJSON{}}
		for _, r := range results {
			h := checkHostsJSON{Name: r.Name, Address: r.Address, Via: string(r.Via), Status: string(r.Status),
				DeclaredIn: r.DeclaredIn, DeclaredFingerprint: r.Key.Fingerprint(), DeclaredKey: r.Key.String(),
				Secrets: nonNil(r.Secrets), Fixed: fixed[r.Name], Declarations: []checkHostsDecl{}}
			for _, d := range r.Declared {
				h.Declarations = append(h.Declarations, checkHostsDecl{In: d.In, Backend: d.Backend, Key: d.Key.String(), Secrets: nonNil(d.Secrets)})
			}
			if r.Found.Kind != 0 {
				h.FoundFingerprint, h.FoundKey = r.Found.Fingerprint(), r.Found.String()
			}
			if r.Err != nil {
				h.Error = reason(r.Err)
			}
			doc.Hosts = append(doc.Hosts, h)
		}
		return writeJSON(io, doc)
	case "github":
		for _, r := range results {
			writeCheckHostGithub(io, o, r, fixed[r.Name])
		}
	default:
		if !g.Quiet {
			writeCheckHostsText(io, results, fixed)
		}
	}
	return nil
}

func writeCheckHostsText(io *IO, results []hostcheck.Result, fixed map[string]bool) {
	counts := map[hostcheck.Status]int{}
	for _, r := range results {
		counts[r.Status]++
		line := fmt.Sprintf("%-11s %-12s %s", r.Status, r.Name, r.Address)
		switch {
		case r.Status == hostcheck.StatusChanged:
			line += fmt.Sprintf("  declared %s found %s  secrets: %s", keyLabel(r.Key), r.Found.Fingerprint(), secretList(r.Secrets))
			if fixed[r.Name] {
				line += "  (fixed)"
			}
		case r.Err != nil:
			line += "  " + reason(r.Err)
		}
		fmt.Fprintln(io.Out, line)
	}
	var parts []string
	for _, st := range []hostcheck.Status{hostcheck.StatusOK, hostcheck.StatusChanged, hostcheck.StatusUnreachable, hostcheck.StatusNoEd25519} {
		if counts[st] > 0 || st == hostcheck.StatusOK {
			part := fmt.Sprintf("%d %s", counts[st], st)
			if n := len(fixed); st == hostcheck.StatusChanged && n > 0 {
				// After --fix, "1 changed" alone reads as still broken.
				part += fmt.Sprintf(" (%d fixed)", n)
			}
			parts = append(parts, part)
		}
	}
	fmt.Fprintf(io.Out, "%d hosts: %s\n", len(results), strings.Join(parts, ", "))
}

// writeCheckHostGithub annotates the binding of each host that is not ok.
func writeCheckHostGithub(io *IO, o *checkHostsOptions, r hostcheck.Result, fixed bool) {
	at := "file=" + ghProp(r.DeclaredIn)
	if i := strings.LastIndexByte(r.DeclaredIn, ':'); i > 0 {
		at = fmt.Sprintf("file=%s,line=%s", ghProp(r.DeclaredIn[:i]), r.DeclaredIn[i+1:])
	}
	var level, msg string
	switch r.Status {
	case hostcheck.StatusChanged:
		level = "error"
		msg = fmt.Sprintf("%s: host key changed at %s: declared %s, found %s; secrets that will fail on it: %s (run nfrekey check-hosts --fix %s)",
			r.Name, r.Address, keyLabel(r.Key), r.Found.Fingerprint(), secretList(r.Secrets), r.Name)
		if fixed {
			level, msg = "notice", fmt.Sprintf("%s: rebound to its new host key %s and its secrets re-encrypted", r.Name, r.Found.Fingerprint())
		}
	case hostcheck.StatusNoEd25519:
		level = "error"
		msg = fmt.Sprintf("%s: %s has no ssh-ed25519 host key: %s", r.Name, r.Address, reason(r.Err))
	case hostcheck.StatusUnreachable:
		level = "warning"
		if o.Strict {
			level = "error"
		}
		msg = fmt.Sprintf("%s: unreachable at %s: %s", r.Name, r.Address, reason(r.Err))
	default:
		return
	}
	fmt.Fprintf(io.Out, "::%s %s::%s\n", level, at, ghMsg(msg))
}

// checkHostsExit: 1 for a changed key left unfixed or a host without an
// ed25519 key (or, with --strict, an unreachable host); unreachable hosts
// alone get a note and exit 0, since a host may just be down.
func checkHostsExit(io *IO, o *checkHostsOptions, results []hostcheck.Result, fixed map[string]bool) error {
	bad, down := 0, 0
	for _, r := range results {
		switch r.Status {
		case hostcheck.StatusChanged:
			if !fixed[r.Name] {
				bad++
			}
		case hostcheck.StatusNoEd25519:
			bad++
		case hostcheck.StatusUnreachable:
			down++
		}
	}
	if down > 0 && !o.Strict {
		fmt.Fprintf(io.Err, "nfrekey: note: %d host(s) unreachable, not checked (a host may be down; --strict fails on it)\n", down)
	}
	if bad > 0 || (down > 0 && o.Strict) {
		return &exitError{code: exitDrift, silent: true}
	}
	return nil
}
