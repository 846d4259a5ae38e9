package sopsyaml

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// The mirror types decode a config the way sops v3.13.3's config package
// does (same field names and Go types, decoded by the same yaml module),
// independently of the node walk in parse.go. Parse checks that both views
// agree, and edits are verified against the mirror, so a mistake in the
// node walk cannot pass as a correct edit.

type mirrorFile struct {
	CreationRules []mirrorRule `yaml:"creation_rules"`
	Stores        struct {
		JSONBinary struct {
			Indent *int `yaml:"indent"`
		} `yaml:"json_binary"`
		JSON struct {
			Indent *int `yaml:"indent"`
		} `yaml:"json"`
		YAML struct {
			Indent int `yaml:"indent"`
		} `yaml:"yaml"`
	} `yaml:"stores"`
}

type mirrorGroup struct {
	Merge []mirrorGroup `yaml:"merge"`
	KMS   []struct {
		Arn        string             `yaml:"arn"`
		Role       string             `yaml:"role,omitempty"`
		Context    map[string]*string `yaml:"context"`
		AwsProfile string             `yaml:"aws_profile"`
	} `yaml:"kms"`
	GCPKMS []struct {
		ResourceID string `yaml:"resource_id"`
	} `yaml:"gcp_kms"`
	HCKms []struct {
		KeyID string `yaml:"key_id"`
	} `yaml:"hckms"`
	AzureKV []struct {
		VaultURL string `yaml:"vaultUrl"`
		Key      string `yaml:"key"`
		Version  string `yaml:"version"`
	} `yaml:"azure_keyvault"`
	Vault []string `yaml:"hc_vault"`
	Age   []string `yaml:"age"`
	PGP   []string `yaml:"pgp"`
}

type mirrorRule struct {
	PathRegex               string        `yaml:"path_regex"`
	KMS                     interface{}   `yaml:"kms"`
	AwsProfile              string        `yaml:"aws_profile"`
	Age                     interface{}   `yaml:"age"`
	PGP                     interface{}   `yaml:"pgp"`
	GCPKMS                  interface{}   `yaml:"gcp_kms"`
	HCKms                   []string      `yaml:"hckms"`
	AzureKeyVault           interface{}   `yaml:"azure_keyvault"`
	VaultURI                interface{}   `yaml:"hc_vault_transit_uri"`
	KeyGroups               []mirrorGroup `yaml:"key_groups"`
	ShamirThreshold         int           `yaml:"shamir_threshold"`
	UnencryptedSuffix       string        `yaml:"unencrypted_suffix"`
	EncryptedSuffix         string        `yaml:"encrypted_suffix"`
	UnencryptedRegex        string        `yaml:"unencrypted_regex"`
	EncryptedRegex          string        `yaml:"encrypted_regex"`
	UnencryptedCommentRegex string        `yaml:"unencrypted_comment_regex"`
	EncryptedCommentRegex   string        `yaml:"encrypted_comment_regex"`
	MACOnlyEncrypted        bool          `yaml:"mac_only_encrypted"`
}

// keyField is sops' parseKeyField: a comma-separated string (empty pieces
// dropped) or a list of strings.
func keyField(v interface{}, field string) ([]string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		var out []string
		for _, k := range strings.Split(v, ",") {
			if k = strings.TrimSpace(k); k != "" {
				out = append(out, k)
			}
		}
		return out, nil
	case []interface{}:
		out := make([]string, len(v))
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				return nil, fmt.Errorf("invalid %s key configuration: expected string in list, got %T", field, item)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, fmt.Errorf("invalid %s key configuration: expected string, []string, or nil, got %T", field, v)
}

// splitJoined is what sops does to the strings of a list: join with ","
// (flat form) or take each one (key groups), then split on "," and trim.
func splitJoined(items []string) []string {
	var out []string
	for _, s := range items {
		for _, k := range strings.Split(s, ",") {
			out = append(out, strings.TrimSpace(k))
		}
	}
	return out
}

// resolved is a rule's key groups as canonical "type:value" tokens, each
// group deduplicated as sops does.
type resolved [][]string

func (m *mirrorRule) resolve() (resolved, error) {
	if len(m.KeyGroups) > 0 {
		var out resolved
		for _, g := range m.KeyGroups {
			out = append(out, dedupe(g.tokens()))
		}
		return out, nil
	}
	var g []string
	for _, f := range []struct {
		name string
		v    interface{}
	}{{"age", m.Age}, {"pgp", m.PGP}, {"kms", m.KMS}, {"gcp_kms", m.GCPKMS}, {"azure_keyvault", m.AzureKeyVault}, {"hc_vault", m.VaultURI}} {
		ks, err := keyField(f.v, f.name)
		if err != nil {
			return nil, err
		}
		for _, k := range splitJoined(ks) {
			if f.name != "age" && k == "" {
				continue
			}
			g = append(g, f.name+":"+k)
		}
	}
	for _, k := range splitJoined(m.HCKms) {
		if k != "" {
			g = append(g, "hckms:"+k)
		}
	}
	return resolved{dedupe(g)}, nil
}

func (g *mirrorGroup) tokens() []string {
	var out []string
	for i := range g.Merge {
		out = append(out, g.Merge[i].tokens()...)
	}
	for _, k := range splitJoined(g.Age) {
		out = append(out, "age:"+k)
	}
	for _, k := range g.PGP {
		out = append(out, "pgp:"+k)
	}
	for _, k := range g.KMS {
		ctx := make([]string, 0, len(k.Context))
		for n, v := range k.Context {
			val := "<nil>"
			if v != nil {
				val = *v
			}
			ctx = append(ctx, n+"="+val)
		}
		sort.Strings(ctx)
		out = append(out, "kms:"+k.Arn+"|"+k.Role+"|"+k.AwsProfile+"|"+strings.Join(ctx, ","))
	}
	for _, k := range g.GCPKMS {
		out = append(out, "gcp_kms:"+k.ResourceID)
	}
	for _, k := range g.HCKms {
		out = append(out, "hckms:"+k.KeyID)
	}
	for _, k := range g.AzureKV {
		out = append(out, "azure_keyvault:"+k.VaultURL+"/"+k.Key+"/"+k.Version)
	}
	for _, k := range g.Vault {
		out = append(out, "hc_vault:"+k)
	}
	return out
}

func dedupe(ts []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// equalGroups compares key groups in order, the keys of a group as sets.
func equalGroups(a, b resolved) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := slices.Clone(a[i]), slices.Clone(b[i])
		sort.Strings(x)
		sort.Strings(y)
		if !slices.Equal(x, y) {
			return false
		}
	}
	return true
}

// withoutKeys is the rule with its keys cleared: what an edit must not change.
func (m mirrorRule) withoutKeys() mirrorRule {
	m.KMS, m.Age, m.PGP, m.GCPKMS, m.AzureKeyVault, m.VaultURI = nil, nil, nil, nil, nil, nil
	m.HCKms, m.KeyGroups = nil, nil
	return m
}
