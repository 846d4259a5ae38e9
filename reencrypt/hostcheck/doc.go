// Package hostcheck compares the host keys a repo declares with the keys
// the hosts present: it lists the declared hosts (Host: AgenixHosts from
// the agenix rules, SopsHosts from the anchors of .sops.yaml files, joined
// by Merge, an ssh-ed25519 key and its age form being one), finds where each
// one is reachable (Resolver: --address, an address kept beside the key in
// the rules, ~/.ssh/config, the name itself) and scans them concurrently
// (Check), each within its own timeout. It never prints, prompts or reads
// the environment: cmd/nfrekey passes the ssh config path and renders the
// results; fixing a changed key is reencrypt.AddHost with Replace.
package hostcheck
