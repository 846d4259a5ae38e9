package reencrypt

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/readlimit"
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/reencrypt/sopsfile"
	"github.com/nfrekey/nfrekey/sopsyaml"
)

// sopsEdit is an existing sops file opened for edit or decrypt: sops'
// edit semantics (data key and recipients kept).
type sopsEdit struct {
	path   string // relative to the repo root
	file   string // absolute
	f      *sopsfile.File
	st     sopsfile.StoreOptions
	src    *txn.Source
	opened *sopsfile.Opened
}

// openSops reads path as a sops file inside the repo, or returns nil when
// it is not one (missing, or no sops metadata).
func openSops(root, path string) (*sopsEdit, error) {
	rootAbs, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, nil // missing: only .age secrets can be created
	}
	rel, err := filepath.Rel(rootAbs, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, nil
	}
	f, err := readlimit.Open(real, sopsfile.MaxEditSize)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data := make([]byte, st.Size())
	if _, err := f.ReadAt(data, 0); err != nil && st.Size() > 0 {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !sopsfile.Sniff(real, data) {
		return nil, nil
	}
	sf, err := sopsfile.Load(real, data)
	if err != nil {
		return nil, inputErr(err)
	}
	sum := sha256.Sum256(data)
	e := &sopsEdit{path: filepath.ToSlash(rel), file: real, f: sf, src: &txn.Source{Info: st, SHA256: sum[:]}}
	// The stores' indentation, as the governing .sops.yaml sets it.
	if conf, err := sopsyaml.Find(rootAbs, real); err == nil && conf != "" {
		if src, err := os.ReadFile(conf); err == nil {
			if c, err := sopsyaml.Parse(conf, src); err == nil {
				e.st = storeOptions(c.Stores)
			}
		}
	}
	return e, nil
}

func storeOptions(s sopsyaml.StoreOptions) sopsfile.StoreOptions {
	var out sopsfile.StoreOptions
	pick := func(v int) *int {
		if v < 0 {
			return nil
		}
		return &v
	}
	if s.YAMLIndent > 0 {
		out.YAMLIndent = pick(s.YAMLIndent)
	}
	out.JSONIndent, out.JSONBinaryIndent = pick(s.JSONIndent), pick(s.JSONBinaryIndent)
	return out
}

func (e *sopsEdit) decrypt(ctx context.Context, ids *identity.Set) ([]byte, error) {
	o, err := e.f.Open(ctx, ids.Age(), e.st)
	if err != nil {
		return nil, inputErr(err)
	}
	e.opened = o
	return o.Plaintext, nil
}

func (e *sopsEdit) save(ctx context.Context, root string, plaintext []byte, opts SaveOptions) (*SaveResult, error) {
	if e.opened == nil {
		return nil, errors.New("save without decrypting first")
	}
	out, err := e.opened.Seal(plaintext)
	if err != nil {
		return nil, inputErr(err)
	}
	tx, _, err := begin(ctx, root, 1)
	if err != nil {
		return nil, err
	}
	defer tx.Close()
	st, err := tx.Stage(txn.Write{Path: e.file, Phase: txn.PhaseSecrets, Data: out, Expect: e.src})
	if err != nil {
		return nil, err
	}
	res, err := commitStaged(ctx, tx, st.Path(), opts.OnCommit)
	if err != nil {
		return nil, err
	}
	return &SaveResult{Path: e.path}, errors.Join(res.Errs...)
}
