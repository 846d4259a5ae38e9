package sopsfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/armor"
	"github.com/getsops/sops/v3/keyservice"
	"golang.org/x/crypto/ssh"
	"google.golang.org/grpc"

	"github.com/nfrekey/nfrekey/internal/sshage"
)

// keyService answers sops' requests to wrap and unwrap data keys (or
// Shamir shares of them) for age recipients, with the identities it holds.
// Every other key type is refused: nfrekey holds no KMS, PGP or Vault
// credentials, and sops' own implementations read them from the
// environment.
//
// sops calls it with context.Background(), so the caller's context is held
// here to stop a long rewrite between two requests.
type keyService struct {
	ctx context.Context
	// x25519 maps each native age identity to its recipient, so that a
	// request for another age1 recipient skips it without the scalar
	// multiplication a failed unwrap costs.
	x25519 map[*age.X25519Identity]string
	ids    []age.Identity
	// recipients caches parsed recipients: one file can list a host many
	// times across groups, a fleet lists it in every file.
	recipients map[string]age.Recipient
}

var _ keyservice.KeyServiceClient = (*keyService)(nil)

func newKeyService(ctx context.Context, ids []age.Identity) *keyService {
	ks := &keyService{ctx: ctx, ids: ids, x25519: map[*age.X25519Identity]string{}, recipients: map[string]age.Recipient{}}
	for _, id := range ids {
		if x, ok := id.(*age.X25519Identity); ok {
			ks.x25519[x] = x.Recipient().String()
		}
	}
	return ks
}

// errNotAge is the refusal of a key type this service cannot handle.
var errNotAge = errors.New("only age keys are supported")

// identitiesFor returns the identities worth trying on a data key wrapped
// to recipient.
func (ks *keyService) identitiesFor(recipient string) []age.Identity {
	var out []age.Identity
	for _, id := range ks.ids {
		if x, ok := id.(*age.X25519Identity); ok && ks.x25519[x] != recipient {
			continue
		}
		out = append(out, id)
	}
	return out
}

// Decrypt unwraps an armored age-encrypted data key.
func (ks *keyService) Decrypt(_ context.Context, req *keyservice.DecryptRequest, _ ...grpc.CallOption) (*keyservice.DecryptResponse, error) {
	if err := ks.ctx.Err(); err != nil {
		return nil, err
	}
	k := req.GetKey().GetAgeKey()
	if k == nil {
		return nil, errNotAge
	}
	ids := ks.identitiesFor(k.GetRecipient())
	if len(ids) == 0 {
		return nil, fmt.Errorf("no identity for %s", k.GetRecipient())
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(req.GetCiphertext())), ids...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.GetRecipient(), err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.GetRecipient(), err)
	}
	return &keyservice.DecryptResponse{Plaintext: plain}, nil
}

// Encrypt wraps a data key to an age recipient, armored as sops writes it.
func (ks *keyService) Encrypt(_ context.Context, req *keyservice.EncryptRequest, _ ...grpc.CallOption) (*keyservice.EncryptResponse, error) {
	if err := ks.ctx.Err(); err != nil {
		return nil, err
	}
	k := req.GetKey().GetAgeKey()
	if k == nil {
		return nil, errNotAge
	}
	rcpt, err := ks.recipient(k.GetRecipient())
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, rcpt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.GetRecipient(), err)
	}
	if _, err := w.Write(req.GetPlaintext()); err != nil {
		return nil, fmt.Errorf("%s: %w", k.GetRecipient(), err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("%s: %w", k.GetRecipient(), err)
	}
	if err := aw.Close(); err != nil {
		return nil, fmt.Errorf("%s: %w", k.GetRecipient(), err)
	}
	return &keyservice.EncryptResponse{Ciphertext: buf.Bytes()}, nil
}

func (ks *keyService) recipient(s string) (age.Recipient, error) {
	if r, ok := ks.recipients[s]; ok {
		return r, nil
	}
	r, err := parseRecipient(s)
	if err != nil {
		return nil, err
	}
	ks.recipients[s] = r
	return r, nil
}

// parseRecipient accepts the age recipients sops 3.13 accepts, except
// plugin ones: a plugin is an external program, and nfrekey runs none.
func parseRecipient(s string) (age.Recipient, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "age1pq1"):
		return age.ParseHybridRecipient(s)
	case strings.HasPrefix(s, "age1") && strings.Count(s, "1") > 1:
		return nil, fmt.Errorf("%s: age plugin recipients are not supported", s)
	case strings.HasPrefix(s, "age1"):
		return age.ParseX25519Recipient(s)
	case strings.HasPrefix(s, "ssh-ed25519 "):
		pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(s))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
		return sshage.NewRecipient(pk)
	case strings.HasPrefix(s, "ssh-"):
		return agessh.ParseRecipient(s)
	}
	return nil, fmt.Errorf("%q: not an age recipient", s)
}
