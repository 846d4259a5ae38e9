package sopsfile

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/getsops/sops/v3"
	"github.com/getsops/sops/v3/keys"
)

// File is a sops-encrypted file as loaded: what its metadata says, and the
// bytes it was loaded from, which Rewrap and Rotate start from. Neither
// modifies the File, so one File may be rewritten from several goroutines.
type File struct {
	Path         string
	Format       string // FormatYAML, FormatJSON, FormatDotenv, FormatINI or FormatBinary
	Groups       []Group
	Threshold    int // shamir_threshold as written; 0 when absent
	LastModified time.Time

	data []byte
	// tree is data parsed, still encrypted: Rewrap emits it with new key
	// groups instead of parsing data once more (the parse is most of a
	// rewrap's cost). Nothing may decrypt it in place.
	tree sops.Tree
}

// Group is one key group of a file's metadata: every recipient in it wraps
// the same data key (or, with several groups, the same Shamir share).
type Group struct {
	Recipients []Recipient
}

// Recipient is one master key of a group. Type is sops' name for the key
// type ("age", "pgp", "kms", "gcp_kms", "azure_kv", "hc_vault",
// "hckms"); Value is the key as sops prints and compares it (for age, the
// recipient as written: age1…, age1pq1…, or an ssh public key line).
type Recipient struct {
	Type, Value string
}

func (r Recipient) String() string { return r.Type + ":" + r.Value }

// Sniff reports whether data, the content of path, carries sops metadata
// in path's format (by extension, as sops decides it). It does not check
// that the metadata is valid: a file Sniff accepts and Load rejects is a
// broken sops file, worth reporting, not a plain file.
func Sniff(path string, data []byte) bool {
	store := sniffStore(FormatForPath(path))
	branches, err := loadPlain(store, data)
	if err != nil {
		return false
	}
	for _, b := range branches {
		if store.HasSopsTopLevelKey(b) {
			return true
		}
	}
	return false
}

// loadPlain runs a store's plain-file loader, turning its panics into
// errors: the stores were written for files sops made, not for any bytes.
func loadPlain(store sops.Store, data []byte) (branches sops.TreeBranches, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed file: %v", r)
		}
	}()
	return store.LoadPlainFile(data)
}

// Load parses data, the content of the sops file path, in the format sops
// gives path. It reads the metadata only; nothing is decrypted.
func Load(path string, data []byte) (*File, error) {
	format := FormatForPath(path)
	tree, err := loadTree(path, format, data)
	if err != nil {
		return nil, err
	}
	f := &File{
		Path:         path,
		Format:       format,
		Threshold:    tree.Metadata.ShamirThreshold,
		LastModified: tree.Metadata.LastModified,
		data:         data,
		tree:         tree,
	}
	for _, g := range tree.Metadata.KeyGroups {
		f.Groups = append(f.Groups, Group{Recipients: recipientsOf(g)})
	}
	return f, nil
}

// loadTree parses data into a fresh sops tree. Every operation parses its
// own: decrypting a tree rewrites its values in place.
func loadTree(path, format string, data []byte) (tree sops.Tree, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: malformed %s sops file: %v", path, format, r)
		}
	}()
	tree, err = storeFor(format, StoreOptions{}).LoadEncryptedFile(data)
	if err != nil {
		if errors.Is(err, sops.MetadataNotFound) {
			return sops.Tree{}, fmt.Errorf("%s: not a sops file: no sops metadata in this %s file", path, format)
		}
		return sops.Tree{}, fmt.Errorf("%s: %s sops file: %w", path, format, err)
	}
	if len(tree.Metadata.KeyGroups) == 0 {
		return sops.Tree{}, fmt.Errorf("%s: sops metadata has no keys", path)
	}
	for i, g := range tree.Metadata.KeyGroups {
		if len(g) == 0 {
			return sops.Tree{}, fmt.Errorf("%s: sops key group %d is empty", path, i+1)
		}
	}
	tree.FilePath = path
	return tree, nil
}

func recipientsOf(g sops.KeyGroup) []Recipient {
	out := make([]Recipient, 0, len(g))
	for _, k := range g {
		out = append(out, recipientOf(k))
	}
	return out
}

func recipientOf(k keys.MasterKey) Recipient {
	return Recipient{Type: k.TypeToIdentifier(), Value: strings.TrimSpace(k.ToString())}
}

// allRecipients lists the recipients of every group, for error messages.
func (f *File) allRecipients() string {
	var parts []string
	for i, g := range f.Groups {
		var rs []string
		for _, r := range g.Recipients {
			rs = append(rs, r.String())
		}
		parts = append(parts, fmt.Sprintf("group %d: %s", i+1, strings.Join(rs, ", ")))
	}
	return strings.Join(parts, "; ")
}

// hasMetadataKey reports whether the sops metadata of data, written in
// format, holds key itself (not a default sops fills in on loading).
func hasMetadataKey(format string, data []byte, key string) bool {
	branches, err := loadPlain(sniffStore(format), data)
	if err != nil {
		return false
	}
	for _, b := range branches {
		for _, item := range b {
			if format == FormatDotenv {
				if item.Key == "sops_"+key {
					return true
				}
				continue
			}
			if item.Key != "sops" {
				continue
			}
			meta, ok := item.Value.(sops.TreeBranch)
			if !ok {
				continue
			}
			for _, m := range meta {
				if m.Key == key {
					return true
				}
			}
		}
	}
	return false
}

// implicitSuffix reports whether the metadata names no encryption rule:
// sops then assumes unencrypted_suffix "_unencrypted" and would write it
// out, a line the file never had. It re-reads the metadata, so it is asked
// only when a file is rewritten: an audit parses each file once.
func (f *File) implicitSuffix() bool {
	return f.tree.Metadata.UnencryptedSuffix == sops.DefaultUnencryptedSuffix &&
		!hasMetadataKey(f.Format, f.data, "unencrypted_suffix")
}
