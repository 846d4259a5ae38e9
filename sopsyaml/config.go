package sopsyaml

import (
	"regexp"

	"go.yaml.in/yaml/v3"
)

// Config is one parsed .sops.yaml.
type Config struct {
	Path   string
	Keys   []KeyDef // anchored scalars anywhere under the top-level `keys:`
	Rules  []Rule   // creation_rules, in order
	Stores StoreOptions
	// Generated is non-empty when the file looks generated (a header
	// comment saying so, or JSON syntax): it says why, and edits refuse.
	Generated string

	src      []byte
	txt      text
	keys     *yaml.Node // value of the top-level keys:, nil if absent
	rulesSeq *yaml.Node // value of creation_rules:, nil if absent
	top      *yaml.Node // the document's mapping
	anchors  map[string]*yaml.Node
	lists    []keyList // sequences under keys: that hold anchored keys
	nodes    []ruleNodes
	rx       []*regexp.Regexp // nil for a rule without path_regex
	mir      []mirrorRule     // sops' own view of each rule, for verification
}

// KeyDef is an anchored key under `keys:` (`- &web1 age1...`).
type KeyDef struct {
	Anchor, Value string
	Line, Col     int
	node          *yaml.Node
}

// Rule is one creation rule.
type Rule struct {
	Index     int
	PathRegex string // exactly as written; "" matches everything
	Line      int
	Groups    []KeyGroup // flat keys form one group, as in sops
	Shamir    int
	// AgeAlias is set when the rule's age list is an alias of an anchored
	// list (`age: *all`); editing that list changes every rule using it.
	AgeAlias string
}

// KeyGroup is one key group of a rule. Age keys keep names and positions;
// PGP fingerprints and Other keys (kms, gcp_kms, azure_keyvault, hc_vault,
// hckms, as "type:value") are opaque text.
type KeyGroup struct {
	Age        []Key
	PGP, Other []string
}

// Key is one age recipient of a rule (age1..., age1pq1..., plugin or ssh).
type Key struct {
	Value string
	// Name is the alias (`*web1`) or anchor it was written with, else a
	// same-line comment label (`age1... # web1`), else "".
	Name      string
	Line, Col int
	viaAlias  bool
}

// StoreOptions are the indentations under `stores:`; -1 means sops' default.
type StoreOptions struct {
	YAMLIndent, JSONIndent, JSONBinaryIndent int
}

// keyList is a sequence under keys: that a new key definition may join.
type keyList struct {
	node *yaml.Node
	name string // its anchor, its mapping key, or the anchor of a `- &hosts:` wrapper
}

// ruleNodes locates the editable parts of a rule.
type ruleNodes struct {
	rule   *yaml.Node
	groups []groupNodes // one per key group; one for the flat form
}

type groupNodes struct {
	age *yaml.Node // value of `age:`, nil when absent
	raw []Key      // the group's age keys before deduplication
	// pgpKey, pgp: the `pgp:` key and value of a key_groups group written
	// in place (not an alias), where an age: list may be started beside it.
	pgpKey, pgp *yaml.Node
	flat        bool // the rule's own keys (no key_groups:)
}
