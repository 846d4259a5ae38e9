// Package hostcheck compares the host keys a repo declares with the keys
// the hosts present: it lists the declared hosts (Host, from the agenix
// rules today; a sops source merges in through Merge), finds where each
// one is reachable (Resolver: --address, an address kept beside the key in
// the rules, ~/.ssh/config, the name itself) and scans them concurrently
// (Check), each within its own timeout. It never prints, prompts or reads
// the environment: cmd/nfrekey passes the ssh config path and renders the
// results; fixing a changed key is reencrypt.AddHost with Replace.
package hostcheck
