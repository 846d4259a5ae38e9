package hostcheck

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/nfrekey/nfrekey/internal/readlimit"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/sopsyaml"
)

// sopsConfigMax bounds a .sops.yaml read here, as the sops inventory does.
const sopsConfigMax = 16 << 20

// SopsSecret is one sops file of the repo as the audit found it. Finding
// sops files takes the sops library (their metadata), which this package
// must not import: the caller passes what reencrypt.Audit reports.
type SopsSecret struct {
	Path   string   // relative to the repo root
	Config string   // the .sops.yaml whose creation rule governs it, relative to the repo root
	Keys   []string // the age recipients that rule declares
}

// SopsOptions say where the sops configs are and which files they govern.
type SopsOptions struct {
	RepoRoot string
	Configs  []string // .sops.yaml files, relative to the repo root (or absolute)
	Secrets  []SopsSecret
}

// SopsHosts lists, sorted by name, the keys anchored under `keys:` of each
// config (`- &web1 age1...`), each as a host named by its anchor, like a
// binding of the rules: an anchor that is a user's key shows as
// unreachable unless given an address. Both ssh-ed25519 keys and age X25519
// keys count (the latter compare with the ssh-to-age form of the scanned
// key); keys of other kinds, and keys no anchor names (a comment label
// alone cannot be rebound by --fix), are left out with a note. A host's
// secrets are the sops files whose creation rule holds its key.
func SopsHosts(opts SopsOptions) ([]Host, []Note, error) {
	var lists [][]Host
	var notes []Note
	for _, p := range opts.Configs {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(opts.RepoRoot, p)
		}
		src, err := readlimit.ReadFile(abs, sopsConfigMax)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", abs, err)
		}
		cfg, err := sopsyaml.Parse(abs, src)
		if err != nil {
			return nil, nil, err
		}
		hosts, n := hostsFromSops(rel(opts.RepoRoot, abs), cfg, opts.Secrets)
		lists = append(lists, hosts)
		notes = append(notes, n...)
	}
	hosts, n := Merge(lists...)
	sort.SliceStable(hosts, func(i, j int) bool { return hosts[i].Name < hosts[j].Name })
	return hosts, append(notes, n...), nil
}

func hostsFromSops(relCfg string, cfg *sopsyaml.Config, secrets []SopsSecret) ([]Host, []Note) {
	var out []Host
	var notes []Note
	anchored := map[string]bool{}
	seen := map[string]bool{}
	for _, d := range cfg.Keys {
		at := fmt.Sprintf("%s:%d", relCfg, d.Line)
		key, err := recipients.Parse(d.Value)
		if err != nil {
			notes = append(notes, Note(fmt.Sprintf("%s: &%s: %v (audit reports it)", at, d.Anchor, err)))
			continue
		}
		anchored[key.String()] = true
		if key.Kind != recipients.SSHEd25519 && key.Kind != recipients.X25519 {
			notes = append(notes, Note(fmt.Sprintf("%s: &%s: a %s key, neither ssh-ed25519 nor the age form of one: not checked", at, d.Anchor, key.Kind)))
			continue
		}
		if seen[d.Anchor] {
			continue // sops itself refuses a config with a duplicate anchor
		}
		seen[d.Anchor] = true
		h := Host{Name: d.Anchor, Key: key, Binding: d.Anchor, DeclaredIn: at}
		for _, s := range secrets {
			if s.Config != relCfg {
				continue
			}
			for _, k := range s.Keys {
				if kk, err := recipients.Parse(k); err == nil && kk.Equal(key) {
					h.Secrets = append(h.Secrets, s.Path)
					break
				}
			}
		}
		sort.Strings(h.Secrets)
		h.Declared = []Declaration{{In: at, Key: key, Backend: BackendSops, Secrets: h.Secrets}}
		out = append(out, h)
	}
	noted := map[string]bool{}
	for _, r := range cfg.Rules {
		for _, g := range r.Groups {
			for _, k := range g.Age {
				key, err := recipients.Parse(k.Value)
				if err != nil || anchored[key.String()] || noted[key.String()] {
					continue
				}
				noted[key.String()] = true
				label := ""
				if k.Name != "" {
					label = " (labelled " + k.Name + ")"
				}
				notes = append(notes, Note(fmt.Sprintf("%s:%d: a key no anchor under keys: names%s: not checked; anchor it (- &NAME %s) to check it", relCfg, k.Line, label, truncate(key.String()))))
			}
		}
	}
	return out, notes
}

func truncate(s string) string {
	if len(s) > 24 {
		return s[:24] + "..."
	}
	return s
}
