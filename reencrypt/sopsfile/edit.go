package sopsfile

// sops' edit semantics, returning bytes: the file decrypted with our
// identities and printed as `sops -d` prints it; the edited plaintext
// loaded back, its values encrypted under the SAME data key (no recipient
// is touched), the MAC recomputed and lastmodified set to now.

import (
	"context"
	"fmt"
	"time"

	"filippo.io/age"
	"github.com/getsops/sops/v3"
	"github.com/getsops/sops/v3/aes"
)

// Opened is a sops file decrypted for editing.
type Opened struct {
	// Plaintext is the file as `sops -d` prints it.
	Plaintext []byte
	f         *File
	st        StoreOptions
	tree      sops.Tree
	dataKey   []byte
}

// Open unwraps the data key with ids, verifies the MAC and returns the
// plaintext, keeping the data key for Seal.
func (f *File) Open(ctx context.Context, ids []age.Identity, st StoreOptions) (*Opened, error) {
	ks := newKeyService(ctx, ids)
	tree, err := loadTree(f.Path, f.Format, f.data)
	if err != nil {
		return nil, err
	}
	dataKey, err := f.openAndVerify(&tree, ks)
	if err != nil {
		return nil, err
	}
	out, err := storeFor(f.Format, st).EmitPlainFile(tree.Branches)
	if err != nil {
		return nil, fmt.Errorf("%s: printing the plaintext: %w", f.Path, err)
	}
	return &Opened{Plaintext: out, f: f, st: st, tree: tree, dataKey: dataKey}, nil
}

// Seal returns the file with plaintext as its new content, as `sops edit`
// would write it: same metadata and key groups, values encrypted under the
// same data key, a fresh MAC and lastmodified. A plaintext that does not
// parse in the file's format, or that holds a top-level `sops` key, is an
// error.
func (o *Opened) Seal(plaintext []byte) ([]byte, error) {
	f := o.f
	store := storeFor(f.Format, o.st)
	branches, err := loadPlain(store, plaintext)
	if err != nil {
		return nil, fmt.Errorf("%s: the new plaintext is not valid %s: %w", f.Path, f.Format, err)
	}
	for _, b := range branches {
		if store.HasSopsTopLevelKey(b) {
			return nil, fmt.Errorf("%s: the new plaintext has a top-level sops key, which is reserved for the metadata", f.Path)
		}
	}
	// A fresh copy of the metadata: the tree Open decrypted stays as read.
	tree, err := loadTree(f.Path, f.Format, f.data)
	if err != nil {
		return nil, err
	}
	tree.Branches = branches
	// The metadata's version stays as written (sops edit would raise it
	// to its own; its version package brings dependencies we do not need).
	m := &tree.Metadata
	cipher := aes.NewCipher()
	mac, err := tree.Encrypt(o.dataKey, cipher)
	if err != nil {
		return nil, fmt.Errorf("%s: encrypting values: %w", f.Path, err)
	}
	m.LastModified = time.Now().UTC().Truncate(time.Second)
	m.MessageAuthenticationCode, err = cipher.Encrypt(mac, o.dataKey, m.LastModified.Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("%s: encrypting the MAC: %w", f.Path, err)
	}
	groups := make([][]Recipient, len(f.Groups))
	for i, g := range f.Groups {
		groups[i] = g.Recipients
	}
	return f.emit(tree, groups, o.st)
}

// Wipe zeroes the data key and the plaintext.
func (o *Opened) Wipe() {
	clear(o.dataKey)
	clear(o.Plaintext)
}

// MaxEditSize bounds a sops file opened for editing.
const MaxEditSize = 64 << 20
