package sopsfile

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"filippo.io/age"
	"github.com/getsops/sops/v3"
	"github.com/getsops/sops/v3/aes"
	sopsage "github.com/getsops/sops/v3/age"
	"github.com/getsops/sops/v3/keys"
	"github.com/getsops/sops/v3/keyservice"
)

// Rewrap returns the file re-keyed for groups, as `sops updatekeys` would
// leave it: the data key, unwrapped with ids, is wrapped for every
// recipient of groups; values, MAC and lastmodified are unchanged.
//
// A recipient already in the same group keeps its wrapped data key entry
// as it is, so only the added recipients' lines change; this holds when
// the number of groups and the threshold stay the same and, with several
// groups, the share of each group gaining a recipient can be unwrapped
// with ids. Otherwise the data key is split anew and every entry is
// rewrapped, which needs every recipient to be an age key.
//
// The MAC is verified first: a tampered value or MAC is an error.
// threshold is the rule's shamir_threshold (0 when absent), capped, as
// sops caps it, at the number of groups.
func (f *File) Rewrap(ctx context.Context, ids []age.Identity, groups [][]Recipient, threshold int, st StoreOptions) ([]byte, error) {
	if err := checkGroups(f.Path, groups); err != nil {
		return nil, err
	}
	ks := newKeyService(ctx, ids)
	check := cloneTree(f.tree)
	dataKey, err := f.openAndVerify(&check, ks)
	if err != nil {
		return nil, err
	}
	// A shallow copy: only its metadata is replaced below.
	tree := f.tree
	threshold = EffectiveThreshold(threshold, len(groups))
	m := &tree.Metadata
	if sameGroups(m.KeyGroups, groups) && m.ShamirThreshold == threshold {
		// Nothing to rewrite, and nothing to reformat: st applies only to
		// files being written anyway.
		return bytes.Clone(f.data), nil
	}
	newGroups, err := f.keepingEntries(m, groups, threshold, dataKey, ks)
	if err != nil {
		return nil, err
	}
	if newGroups == nil {
		newGroups, err = f.freshGroups(groups)
		if err != nil {
			return nil, err
		}
		m.KeyGroups, m.ShamirThreshold = newGroups, threshold
		if errs := m.UpdateMasterKeysWithKeyServices(dataKey, []keyservice.KeyServiceClient{ks}); len(errs) > 0 {
			return nil, fmt.Errorf("%s: wrapping the data key: %w", f.Path, errors.Join(errs...))
		}
	}
	m.KeyGroups, m.ShamirThreshold = newGroups, threshold
	return f.emit(tree, groups, st)
}

// Rotate returns the file re-encrypted for groups, as `sops rotate` would
// leave it: a fresh data key wrapped for every recipient of groups, every
// value re-encrypted under it, the MAC recomputed and lastmodified set to
// now. The old data key, and so any recipient left out of groups, opens
// nothing in the result. The file's MAC is verified first.
func (f *File) Rotate(ctx context.Context, ids []age.Identity, groups [][]Recipient, threshold int, st StoreOptions) ([]byte, error) {
	if err := checkGroups(f.Path, groups); err != nil {
		return nil, err
	}
	ks := newKeyService(ctx, ids)
	tree := cloneTree(f.tree)
	// tree now holds the plaintext values, to be re-encrypted in place.
	if _, err := f.openAndVerify(&tree, ks); err != nil {
		return nil, err
	}
	fresh, err := f.freshGroups(groups)
	if err != nil {
		return nil, err
	}
	m := &tree.Metadata
	m.KeyGroups, m.ShamirThreshold, m.DataKey = fresh, EffectiveThreshold(threshold, len(groups)), nil
	dataKey := make([]byte, 32)
	if _, err := rand.Read(dataKey); err != nil {
		return nil, err
	}
	if errs := m.UpdateMasterKeysWithKeyServices(dataKey, []keyservice.KeyServiceClient{ks}); len(errs) > 0 {
		return nil, fmt.Errorf("%s: wrapping the new data key: %w", f.Path, errors.Join(errs...))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cipher := aes.NewCipher()
	mac, err := tree.Encrypt(dataKey, cipher)
	if err != nil {
		return nil, fmt.Errorf("%s: re-encrypting values: %w", f.Path, err)
	}
	m.LastModified = time.Now().UTC().Truncate(time.Second)
	m.MessageAuthenticationCode, err = cipher.Encrypt(mac, dataKey, m.LastModified.Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("%s: encrypting the MAC: %w", f.Path, err)
	}
	return f.emit(tree, groups, st)
}

func checkGroups(path string, groups [][]Recipient) error {
	if len(groups) == 0 {
		return fmt.Errorf("%s: no key groups to encrypt to", path)
	}
	for i, g := range groups {
		if len(g) == 0 {
			return fmt.Errorf("%s: key group %d to encrypt to is empty", path, i+1)
		}
	}
	return nil
}

// EffectiveThreshold is the shamir_threshold sops would write: updatekeys
// caps it at the number of groups, and with several groups an absent
// threshold means all of them.
func EffectiveThreshold(threshold, groups int) int {
	threshold = min(threshold, groups)
	if groups > 1 && threshold <= 0 {
		threshold = groups
	}
	return max(threshold, 0)
}

// openAndVerify unwraps the data key of tree with ks and checks the MAC of
// tree's values, which it decrypts in place.
func (f *File) openAndVerify(tree *sops.Tree, ks *keyService) ([]byte, error) {
	dataKey, err := tree.Metadata.GetDataKeyWithKeyServices([]keyservice.KeyServiceClient{ks}, nil)
	if err != nil {
		if cerr := ks.ctx.Err(); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("%s: none of the %d identities given opens the data key (the file's recipients: %s): %w",
			f.Path, len(ks.ids), f.allRecipients(), err)
	}
	cipher := aes.NewCipher()
	computed, err := tree.Decrypt(dataKey, cipher)
	if err != nil {
		return nil, fmt.Errorf("%s: decrypting values: %w", f.Path, err)
	}
	stored, err := cipher.Decrypt(tree.Metadata.MessageAuthenticationCode, dataKey, tree.Metadata.LastModified.Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("%s: MAC cannot be decrypted (tampered MAC or lastmodified?): %w", f.Path, err)
	}
	if s, ok := stored.(string); !ok || s != computed {
		return nil, fmt.Errorf("%s: MAC mismatch: the file's values or metadata were changed outside sops", f.Path)
	}
	return dataKey, nil
}

// sameGroups reports whether groups are the key groups of ks, group by
// group, as sets: the case where there is nothing to rewrite (and the one
// sops updatekeys sees as up to date).
func sameGroups(ks []sops.KeyGroup, groups [][]Recipient) bool {
	if len(ks) != len(groups) {
		return false
	}
	for i, g := range ks {
		if !equalRecipients(recipientsOf(g), groups[i]) {
			return false
		}
	}
	return true
}

// keepingEntries builds the new key groups reusing, group by group, the
// master keys (and so the wrapped entries) of recipients already there, and
// wrapping for the added ones the group's share. It returns nil groups when
// the shares cannot be kept: another number of groups, another threshold,
// or a share that ids cannot unwrap.
func (f *File) keepingEntries(m *sops.Metadata, groups [][]Recipient, threshold int, dataKey []byte, ks *keyService) ([]sops.KeyGroup, error) {
	if len(m.KeyGroups) != len(groups) || (len(groups) > 1 && m.ShamirThreshold != threshold) {
		return nil, nil
	}
	out := make([]sops.KeyGroup, len(groups))
	for i, g := range groups {
		old := map[Recipient]keys.MasterKey{}
		for _, k := range m.KeyGroups[i] {
			old[recipientOf(k)] = k
		}
		var share []byte
		for _, r := range g {
			if k, ok := old[r]; ok {
				out[i] = append(out[i], k)
				continue
			}
			if share == nil {
				share = dataKey
				if len(groups) > 1 {
					share = groupShare(m.KeyGroups[i], ks)
					if share == nil {
						return nil, nil
					}
				}
			}
			k, err := f.newKey(r)
			if err != nil {
				return nil, err
			}
			svcKey := keyservice.KeyFromMasterKey(k)
			rsp, err := ks.Encrypt(ks.ctx, &keyservice.EncryptRequest{Key: &svcKey, Plaintext: share})
			if err != nil {
				return nil, fmt.Errorf("%s: wrapping the data key for %s: %w", f.Path, r, err)
			}
			k.SetEncryptedDataKey(rsp.Ciphertext)
			out[i] = append(out[i], k)
		}
	}
	return out, nil
}

// groupShare unwraps the Shamir share of one group with any of its keys, or
// returns nil.
func groupShare(g sops.KeyGroup, ks *keyService) []byte {
	for _, k := range g {
		svcKey := keyservice.KeyFromMasterKey(k)
		rsp, err := ks.Decrypt(ks.ctx, &keyservice.DecryptRequest{Key: &svcKey, Ciphertext: k.EncryptedDataKey()})
		if err == nil {
			return rsp.Plaintext
		}
	}
	return nil
}

// freshGroups builds master keys with no wrapped entry for every recipient.
func (f *File) freshGroups(groups [][]Recipient) ([]sops.KeyGroup, error) {
	out := make([]sops.KeyGroup, len(groups))
	for i, g := range groups {
		for _, r := range g {
			k, err := f.newKey(r)
			if err != nil {
				return nil, err
			}
			out[i] = append(out[i], k)
		}
	}
	return out, nil
}

// newKey is a master key for a recipient to wrap the data key for: only
// age recipients, the only ones this package's key service can wrap to.
func (f *File) newKey(r Recipient) (*sopsage.MasterKey, error) {
	if r.Type != sopsage.KeyTypeIdentifier {
		return nil, fmt.Errorf("%s: cannot wrap the data key for %s: only age recipients can be added or re-wrapped", f.Path, r)
	}
	if _, err := parseRecipient(r.Value); err != nil {
		return nil, fmt.Errorf("%s: recipient %s: %w", f.Path, r, err)
	}
	return &sopsage.MasterKey{Recipient: r.Value}, nil
}

// emit writes tree in the file's format and checks, by loading the result,
// that it carries exactly groups: the stores' emitters are trusted only as
// far as that.
func (f *File) emit(tree sops.Tree, groups [][]Recipient, st StoreOptions) ([]byte, error) {
	if f.implicitSuffix() {
		tree.Metadata.UnencryptedSuffix = ""
	}
	out, err := storeFor(f.Format, st).EmitEncryptedFile(tree)
	if err != nil {
		return nil, fmt.Errorf("%s: writing %s: %w", f.Path, f.Format, err)
	}
	back, err := loadTree(f.Path, f.Format, out)
	if err != nil {
		return nil, fmt.Errorf("%s: the rewritten file does not load back: %w", f.Path, err)
	}
	if len(back.Metadata.KeyGroups) != len(groups) {
		return nil, fmt.Errorf("%s: the rewritten file has %d key groups, want %d", f.Path, len(back.Metadata.KeyGroups), len(groups))
	}
	for i, g := range back.Metadata.KeyGroups {
		if !equalRecipients(recipientsOf(g), groups[i]) {
			return nil, fmt.Errorf("%s: the rewritten file's key group %d differs from the one asked for", f.Path, i+1)
		}
	}
	return bytes.Clone(out), nil
}

// equalRecipients compares two groups as sets: the stores write a group's
// keys type by type, so the order of a mixed group does not survive.
func equalRecipients(a, b []Recipient) bool {
	set := func(rs []Recipient) map[Recipient]bool {
		m := map[Recipient]bool{}
		for _, r := range rs {
			m[r] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) {
		return false
	}
	for r := range sa {
		if !sb[r] {
			return false
		}
	}
	return true
}
