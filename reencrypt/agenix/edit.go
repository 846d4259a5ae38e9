package agenix

// The edit of one secret (nfrekey edit / decrypt): the file read and
// decrypted once, then its new plaintext encrypted to exactly the
// declared recipients and armor and staged into the caller's
// transaction, guarded against a save by someone else meanwhile.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/readlimit"
	"github.com/nfrekey/nfrekey/internal/txn"
)

// MaxSecretSize bounds the file and the plaintext an edit holds in
// memory: agenix secrets are passwords, keys and small configs.
const MaxSecretSize = 64 << 20

// Edit is one declared secret opened for editing or decryption.
type Edit struct {
	Secret *Secret // as declared when opened
	opts   AuditOptions
	data   []byte      // the file's bytes as read; nil for a missing file
	src    *txn.Source // the file as read, for the commit's guard
}

// OpenEdit finds the declared secret at path (absolute, or relative to the
// working directory) and reads its file, if it exists. Nothing is
// decrypted yet.
func OpenEdit(ctx context.Context, opts AuditOptions, path string) (*Edit, error) {
	inv, err := Audit(ctx, opts)
	if err != nil {
		return nil, err
	}
	s, err := inv.declaredAt(path)
	if err != nil {
		return nil, err
	}
	e := &Edit{Secret: s, opts: opts}
	if !s.Exists {
		return e, nil
	}
	if s.Status == StatusInvalid {
		return nil, inputErr(fmt.Errorf("%s: %w", s.Path, s.Err))
	}
	f, err := readlimit.Open(s.File, MaxSecretSize)
	if err != nil {
		return nil, inputErr(fmt.Errorf("%s: %w", s.Path, err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path, err)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSecretSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path, err)
	}
	if len(data) > MaxSecretSize {
		return nil, inputErr(fmt.Errorf("%s: larger than %d MiB", s.Path, MaxSecretSize>>20))
	}
	sum := sha256.Sum256(data)
	e.data, e.src = data, &txn.Source{Info: st, SHA256: sum[:]}
	return e, nil
}

// declaredAt is the declared secret at path, existing or not; a path
// the rules do not declare is a *NotDeclaredError.
func (inv *Inventory) declaredAt(path string) (*Secret, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	real, err := resolve(abs)
	if err != nil {
		return nil, inputErr(fmt.Errorf("%s: %w", path, err))
	}
	s := inv.find(real)
	if s == nil || !s.Declared {
		return nil, inputErr(&NotDeclaredError{Path: path, RulesFile: inv.RulesFile})
	}
	return s, nil
}

// NotDeclaredError is a path named as a secret that the rules file does
// not declare.
type NotDeclaredError struct {
	Path      string // as given
	RulesFile string
}

func (e *NotDeclaredError) Error() string {
	return fmt.Sprintf("%s is not a secret declared in %s (declare it there first)", e.Path, e.RulesFile)
}

// Exists reports whether the secret's file existed when opened.
func (e *Edit) Exists() bool { return e.data != nil }

// Decrypt returns the plaintext of the file as read (nil for a missing
// file). A file no identity opens is an *InputError naming its
// recipients and the identities tried.
func (e *Edit) Decrypt(ids *identity.Set) ([]byte, error) {
	if e.data == nil {
		return nil, nil
	}
	var r io.Reader = bytes.NewReader(e.data)
	if e.Secret.header != nil && e.Secret.header.Armored {
		r = armor.NewReader(r)
	}
	if e.Secret.header != nil && e.Secret.header.Passphrase() {
		return nil, inputErr(fmt.Errorf("%s: passphrase-encrypted (scrypt) file: nfrekey does not open those", e.Secret.Path))
	}
	list := ids.Age()
	dr, err := age.Decrypt(r, list...)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) || len(list) == 0 {
			return nil, inputErr(fmt.Errorf("%s: no identity opens it (its recipients: %s; identities tried: %s)", e.Secret.Path, e.describe(), ids.Summary()))
		}
		return nil, inputErr(fmt.Errorf("%s: %w", e.Secret.Path, err))
	}
	plain, err := io.ReadAll(io.LimitReader(dr, MaxSecretSize+1))
	if err != nil {
		return nil, inputErr(fmt.Errorf("%s: %w", e.Secret.Path, err))
	}
	if len(plain) > MaxSecretSize {
		return nil, inputErr(fmt.Errorf("%s: plaintext larger than %d MiB", e.Secret.Path, MaxSecretSize>>20))
	}
	return plain, nil
}

func (e *Edit) describe() string {
	if e.Secret.header == nil {
		return "unknown"
	}
	inv := &Inventory{names: newNameIndex()}
	for _, d := range e.Secret.Recipients {
		inv.names.add(d)
	}
	return inv.describeActual(e.Secret.header)
}

// StagedEdit is an edit staged into a transaction.
type StagedEdit struct {
	Path    string // the secret, relative to the repo root
	inv     *Inventory
	s       *Secret
	staged  *txn.Staged
	entry   *lockEntry
	Created bool
}

// Stage encrypts plaintext to the secret's declared recipients (as the
// rules say under tx's lock, which may have changed since OpenEdit) in
// its declared armor, and stages it (phase secrets) with a guard: the
// commit replaces only the file OpenEdit read, and creates a missing one
// only if it is still missing. Plugin recipients talk through ids' UI.
func (e *Edit) Stage(ctx context.Context, tx *txn.Tx, plaintext []byte, ids *identity.Set) (*StagedEdit, error) {
	inv, err := Audit(ctx, e.opts)
	if err != nil {
		return nil, err
	}
	inv.pluginUI = ids.PluginUI()
	s, err := inv.declaredAt(e.Secret.File)
	if err != nil {
		return nil, err
	}
	if len(s.Recipients) == 0 {
		return nil, inputErr(fmt.Errorf("%s: the rules declare no recipient for it", s.Path))
	}
	var recips []age.Recipient
	for _, d := range s.Recipients {
		r, err := inv.ageRecipient(d.Recipient)
		if err != nil {
			return nil, inputErr(fmt.Errorf("%s: recipient %s: %v", s.Path, d.Label(), err))
		}
		recips = append(recips, r)
	}
	var buf bytes.Buffer
	if err := encrypt(&buf, plaintext, recips, s.Armor); err != nil {
		return nil, inputErr(fmt.Errorf("%s: %w", s.Path, err))
	}
	w := txn.Write{Path: s.File, Phase: txn.PhaseSecrets, Data: buf.Bytes()}
	if e.src != nil {
		w.Expect = e.src
	} else {
		// Ciphertext, committed to git like agenix's own files.
		w.Create, w.MakeDirs, w.Mode = true, true, 0o644
	}
	st, err := tx.Stage(w)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	entry := &lockEntry{SHA256: hex.EncodeToString(sum[:])}
	for _, d := range s.Recipients {
		entry.Recipients = append(entry.Recipients, d.Recipient.String())
	}
	sort.Strings(entry.Recipients)
	return &StagedEdit{Path: s.Path, inv: inv, s: s, staged: st, entry: entry, Created: e.src == nil}, nil
}

// File is the absolute path the edit writes.
func (se *StagedEdit) File() string { return se.staged.Path() }

// StageLock stages .nfrekey.lock (phase lock) with the edited file's entry
// if res committed it; nothing when the lock would not change.
func (se *StagedEdit) StageLock(tx *txn.Tx, res *txn.Result) error {
	done := map[string]*lockEntry{}
	if res != nil && res.IsCommitted(se.staged.Path()) && validLockKey(se.s.LockKey) {
		done[se.s.LockKey] = se.entry
		// A created file counts as declared and existing from now on.
		se.s.Exists = true
	}
	data, changed := se.inv.lockContent(done)
	if !changed {
		return nil
	}
	_, err := tx.Stage(txn.Write{Path: se.inv.lockPath, Phase: txn.PhaseLock, Data: data, Mode: 0o644})
	return err
}

func encrypt(dst io.Writer, plaintext []byte, recips []age.Recipient, armored bool) error {
	var aw io.WriteCloser
	out := dst
	if armored {
		aw = armor.NewWriter(dst)
		out = aw
	}
	w, err := age.Encrypt(out, recips...)
	if err != nil {
		return err
	}
	if _, err := w.Write(plaintext); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if aw != nil {
		return aw.Close()
	}
	return nil
}
