// Package sopsyaml reads `.sops.yaml` files and edits them surgically.
//
// Reading follows sops v3.13.3's config package: creation rules tried in
// order, first match wins, path_regex matched against the path relative to
// the config's directory, a rule without path_regex matching everything,
// key_groups or else the rule's flat keys as one group, comma-separated key
// strings. On top of what sops sees it keeps what people wrote: the anchors
// of the top-level `keys:` list as host names, the position of every key,
// and same-line comments as labels.
//
// Editing never re-encodes the document (yaml.v3 would rewrite most real
// files): yaml.v3 nodes only locate positions, and edits are text splices
// into the original bytes copying the neighbouring lines' style. Every edit
// is verified before its bytes are returned: the result re-parses, bytes
// outside the splices are identical, and the resolved key groups of every
// rule differ from the original by exactly the requested recipient.
//
// The package knows no crypto and does not import sops; keys are text.
package sopsyaml
