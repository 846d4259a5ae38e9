package reencrypt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/reencrypt/agenix"
)

// EditOptions name the secret to edit or decrypt.
type EditOptions struct {
	RepoRoot  string
	RulesFile string
	// RulesFiles are further rules files: the one declaring Path governs it.
	RulesFiles []string
	UseNix     bool
	// Path is the .age file (absolute, or relative to the working
	// directory); it must be declared in the rules, and may not exist yet.
	Path string
}

// Editing is one declared .age secret, read once: decrypted by Decrypt,
// replaced (or created) by Save.
type Editing struct {
	e     *agenix.Edit
	sops  *sopsEdit // set instead of e for a sops file
	root  string
	plain []byte
	read  bool
}

// OpenSecret finds the declared secret and reads its file. It takes no
// lock: an edit may last minutes, and the commit refuses to replace a file
// someone else saved meanwhile.
func OpenSecret(ctx context.Context, opts EditOptions) (*Editing, error) {
	// A rules edit a killed run left half written is dealt with by the
	// next mutating run before anything else: the save would do it after
	// the editor closed, and either refuse it (the edit lost) or change
	// the recipients read here. Said now, before anything is decrypted.
	if _, pending, err := txn.PendingJournal(opts.RepoRoot); pending {
		msg := "a killed nfrekey run left a rules edit half written; run nfrekey rekey first (it finishes it), then edit"
		if err != nil {
			msg = err.Error()
		}
		return nil, inputErr(fmt.Errorf("%s: %s", filepath.Join(opts.RepoRoot, txn.JournalName), msg))
	}
	if !strings.HasSuffix(opts.Path, ".age") {
		se, err := openSops(opts.RepoRoot, opts.Path)
		if err != nil {
			return nil, err
		}
		if se != nil {
			return &Editing{sops: se, root: opts.RepoRoot}, nil
		}
	}
	srcs := rulesSources(opts.RulesFile, nil, opts.RulesFiles)
	var tried []string
	var found *agenix.Edit
	var foundIn string
	// Every rules file is asked, not only up to the first declaring the
	// path: one that two declare is refused, as audit and rekey refuse it
	// (which recipients would the edit encrypt to?).
	for _, src := range srcs {
		e, err := agenix.OpenEdit(ctx, agenix.AuditOptions{RepoRoot: opts.RepoRoot, RulesFile: src.file, UseNix: opts.UseNix, Jobs: 1}, opts.Path)
		var nd *agenix.NotDeclaredError
		if len(srcs) > 1 && errors.As(err, &nd) {
			tried = append(tried, relTo(opts.RepoRoot, nd.RulesFile))
			continue
		}
		if err != nil {
			return nil, err
		}
		if found != nil {
			return nil, inputErr(fmt.Errorf("%s is declared in both %s and %s: a secret belongs to one rules file", opts.Path, foundIn, relTo(opts.RepoRoot, src.file)))
		}
		found, foundIn = e, relTo(opts.RepoRoot, src.file)
	}
	if found != nil {
		return &Editing{e: found, root: opts.RepoRoot}, nil
	}
	if len(srcs) == 0 {
		return nil, inputErr(fmt.Errorf("%s: not a secret of the repo: no sops metadata, and the repo has no agenix rules file", opts.Path))
	}
	return nil, inputErr(fmt.Errorf("%s is not a secret declared in %s (declare it in one of them first)", opts.Path, orList(tried)))
}

// Path is the secret's path relative to the repo root.
func (ed *Editing) Path() string {
	if ed.sops != nil {
		return ed.sops.path
	}
	return ed.e.Secret.Path
}

// Exists reports whether the file existed when opened.
func (ed *Editing) Exists() bool { return ed.sops != nil || ed.e.Exists() }

// Secret is the .age secret as declared when opened (nil for a sops file).
func (ed *Editing) Secret() *Secret {
	if ed.e == nil {
		return nil
	}
	return &Secret{Secret: *ed.e.Secret, Backend: BackendAge}
}

// Decrypt returns the plaintext (nil for a file that does not exist). The
// caller owns the slice and should zero it when done.
func (ed *Editing) Decrypt(ids *identity.Set) ([]byte, error) {
	var p []byte
	var err error
	if ed.sops != nil {
		p, err = ed.sops.decrypt(context.Background(), ids)
	} else {
		p, err = ed.e.Decrypt(ids)
	}
	if err != nil {
		return nil, err
	}
	ed.plain, ed.read = bytes.Clone(p), true
	return p, nil
}

// Wipe zeroes the plaintext kept to tell an unchanged edit; call it once
// the edit is saved or abandoned.
func (ed *Editing) Wipe() {
	clear(ed.plain)
	ed.plain = nil
}

// SaveOptions say how to save.
type SaveOptions struct {
	// Identities carry the plugin UI for plugin recipients.
	Identities *identity.Set
	// OnCommit is called once, just before the first rename: from then on
	// the run finishes the commit whatever happens to its context.
	OnCommit func()
}

// SaveResult is what Save did.
type SaveResult struct {
	Path        string // relative to the repo root
	Unchanged   bool   // the plaintext was the one decrypted: nothing written
	Created     bool
	LockWritten bool
}

// ErrEmpty is returned by Save for an empty plaintext, which never
// replaces (or creates) a secret unless allowed: an editor quit without
// saving, or an empty pipe, must not erase it.
var ErrEmpty = errors.New("the new plaintext is empty: nothing written (an empty secret needs --allow-empty)")

// Save encrypts plaintext to the secret's declared recipients and armor
// and commits it as one transaction: the secret (created with its
// directories if missing), then .nfrekey.lock. A plaintext equal to the
// one Decrypt returned writes nothing. A file someone else changed since
// OpenSecret is left as it is (an error wrapping txn.ErrChanged, not an
// *InputError).
func (ed *Editing) Save(ctx context.Context, plaintext []byte, allowEmpty bool, opts SaveOptions) (*SaveResult, error) {
	res := &SaveResult{Path: ed.Path()}
	if ed.Exists() && !ed.read {
		return nil, errors.New("save without decrypting first")
	}
	if ed.Exists() && bytes.Equal(plaintext, ed.plain) {
		res.Unchanged = true
		return res, nil
	}
	if len(plaintext) == 0 && !allowEmpty {
		return nil, inputErr(ErrEmpty)
	}
	if ed.sops != nil {
		return ed.sops.save(ctx, ed.root, plaintext, opts)
	}
	tx, _, err := begin(ctx, ed.root, 1)
	if err != nil {
		return nil, err
	}
	defer tx.Close()
	st, err := ed.e.Stage(ctx, tx, plaintext, opts.Identities)
	if err != nil {
		return nil, err
	}
	secrets, err := commitStaged(ctx, tx, st.File(), opts.OnCommit)
	if err != nil {
		return nil, err
	}
	res.Created = st.Created
	var errs []error
	errs = append(errs, secrets.Errs...)
	if err := st.StageLock(tx, secrets); err != nil {
		errs = append(errs, err)
	} else {
		lock := tx.Commit()
		errs = append(errs, lock.Err())
		res.LockWritten = len(lock.Committed) > 0
	}
	return res, errors.Join(errs...)
}

// commitStaged commits the one secret an edit staged: interrupted before
// the rename, nothing is written; onCommit (tests) runs just before it; a
// secret that was not renamed (saved by someone else meanwhile) is the
// error.
func commitStaged(ctx context.Context, tx *txn.Tx, path string, onCommit func()) (*txn.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interrupted before renaming anything; nothing was written: %w", err)
	}
	if onCommit != nil {
		onCommit()
	}
	res := tx.Commit()
	if !res.IsCommitted(path) {
		return nil, res.Err()
	}
	return res, nil
}
