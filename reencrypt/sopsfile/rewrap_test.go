package sopsfile

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestRewrapAddsRecipientKeepingEverythingElse(t *testing.T) {
	a := fixtureIdentity(t)
	b := newX25519(t)
	s := newSSHKey(t)
	groups := [][]Recipient{{ageRecipient(a), ageRecipient(b), {Type: "age", Value: s.line}}}
	for _, c := range formats {
		t.Run(c.name, func(t *testing.T) {
			data := fixture(t, c.name)
			out, err := mustLoad(t, c.name, data).Rewrap(context.Background(), []age.Identity{a}, groups, 0, StoreOptions{})
			if err != nil {
				t.Fatal(err)
			}
			oldKey, oldTree, err := dataKeyOf(t, c.name, data, a)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []age.Identity{b, s.id} {
				newKey, _, err := dataKeyOf(t, c.name, out, id)
				if err != nil {
					t.Fatalf("the added recipient cannot open the rewrapped file: %v", err)
				}
				if !bytes.Equal(newKey, oldKey) {
					t.Error("Rewrap changed the data key")
				}
			}
			before, _ := loadTree(c.name, c.format, data)
			after, _ := loadTree(c.name, c.format, out)
			if !reflect.DeepEqual(before.Branches, after.Branches) {
				t.Error("Rewrap changed the encrypted values")
			}
			if before.Metadata.MessageAuthenticationCode != after.Metadata.MessageAuthenticationCode ||
				!before.Metadata.LastModified.Equal(after.Metadata.LastModified) {
				t.Error("Rewrap changed the MAC or lastmodified")
			}
			if got, want := entries(after)[a.Recipient().String()], entries(oldTree)[a.Recipient().String()]; got != want {
				t.Error("the kept recipient's wrapped entry changed")
			}
			if got := mustLoad(t, c.name, out).Groups; !reflect.DeepEqual(got, []Group{{Recipients: groups[0]}}) {
				t.Errorf("Groups = %v, want %v", got, groups)
			}
			// Everything of the input is still in the output: only lines were added.
			if c.format == FormatYAML || c.format == FormatDotenv {
				for _, line := range strings.Split(string(data), "\n") {
					if !bytes.Contains(out, []byte(line)) {
						t.Errorf("line %q lost", line)
					}
				}
			}
		})
	}
}

func TestRewrapNothingToDoReturnsInput(t *testing.T) {
	a := fixtureIdentity(t)
	data := fixture(t, "secret.yaml")
	out, err := mustLoad(t, "s.yaml", data).Rewrap(context.Background(), []age.Identity{a}, [][]Recipient{{ageRecipient(a)}}, 0, StoreOptions{})
	if err != nil || !bytes.Equal(out, data) {
		t.Fatalf("Rewrap to the same groups = %v, changed bytes: %v", err, !bytes.Equal(out, data))
	}
}

func TestRewrapRemovesRecipient(t *testing.T) {
	a, b := fixtureIdentity(t), newX25519(t)
	f := mustLoad(t, "s.yaml", fixture(t, "secret.yaml"))
	two, err := f.Rewrap(context.Background(), []age.Identity{a}, [][]Recipient{{ageRecipient(a), ageRecipient(b)}}, 0, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	one, err := mustLoad(t, "s.yaml", two).Rewrap(context.Background(), []age.Identity{b}, [][]Recipient{{ageRecipient(b)}}, 0, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := dataKeyOf(t, "s.yaml", one, a); err == nil {
		t.Error("the removed recipient still opens the file")
	}
	if bytes.Contains(one, []byte(a.Recipient().String())) {
		t.Error("the removed recipient is still listed")
	}
}

func TestRotate(t *testing.T) {
	a, b := fixtureIdentity(t), newX25519(t)
	for _, c := range formats {
		t.Run(c.name, func(t *testing.T) {
			data := fixture(t, c.name)
			oldKey, oldTree, err := dataKeyOf(t, c.name, data, a)
			if err != nil {
				t.Fatal(err)
			}
			out, err := mustLoad(t, c.name, data).Rotate(context.Background(), []age.Identity{a}, [][]Recipient{{ageRecipient(b)}}, 0, StoreOptions{})
			if err != nil {
				t.Fatal(err)
			}
			newKey, newTree, err := dataKeyOf(t, c.name, out, b)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(newKey, oldKey) {
				t.Error("Rotate kept the data key")
			}
			if !reflect.DeepEqual(oldTree.Branches, newTree.Branches) {
				t.Error("Rotate changed the plaintext values")
			}
			if _, _, err := dataKeyOf(t, c.name, out, a); err == nil {
				t.Error("the removed recipient opens the rotated file")
			}
			before, _ := loadTree(c.name, c.format, data)
			after, _ := loadTree(c.name, c.format, out)
			if reflect.DeepEqual(before.Branches, after.Branches) {
				t.Error("Rotate left the encrypted values as they were")
			}
		})
	}
}

// With three groups and a threshold of 2, opened by a and b: adding a
// recipient to a group whose share they open keeps the other groups'
// entries; adding one to the group they cannot open splits the key anew.
func TestRewrapShamir(t *testing.T) {
	a, b, c, d := fixtureIdentity(t), newX25519(t), newX25519(t), newX25519(t)
	ctx := context.Background()
	ids := []age.Identity{a, b}
	three, err := mustLoad(t, "s.yaml", fixture(t, "secret.yaml")).Rotate(ctx, []age.Identity{a},
		[][]Recipient{{ageRecipient(a)}, {ageRecipient(b)}, {ageRecipient(d)}}, 2, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := mustLoad(t, "s.yaml", three)
	if f.Threshold != 2 || len(f.Groups) != 3 {
		t.Fatalf("threshold %d, %d groups", f.Threshold, len(f.Groups))
	}
	threeTree, _ := loadTree("s.yaml", FormatYAML, three)
	opens := func(data []byte, pairs ...[]age.Identity) {
		t.Helper()
		for _, p := range pairs {
			if _, _, err := dataKeyOf(t, "s.yaml", data, p...); err != nil {
				t.Errorf("cannot open with %d identities: %v", len(p), err)
			}
		}
	}

	kept, err := f.Rewrap(ctx, ids, [][]Recipient{{ageRecipient(a), ageRecipient(c)}, {ageRecipient(b)}, {ageRecipient(d)}}, 2, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	keptTree, _ := loadTree("s.yaml", FormatYAML, kept)
	for _, id := range []*age.X25519Identity{a, b, d} {
		if entries(keptTree)[id.Recipient().String()] != entries(threeTree)[id.Recipient().String()] {
			t.Errorf("%s's entry changed", id.Recipient())
		}
	}
	opens(kept, []age.Identity{c, b}, []age.Identity{c, d}, []age.Identity{a, d})
	if _, _, err := dataKeyOf(t, "s.yaml", kept, a, c); err == nil {
		t.Error("two keys of one group opened a threshold-2 file")
	}

	split, err := f.Rewrap(ctx, ids, [][]Recipient{{ageRecipient(a)}, {ageRecipient(b)}, {ageRecipient(d), ageRecipient(c)}}, 2, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	splitTree, _ := loadTree("s.yaml", FormatYAML, split)
	if entries(splitTree)[a.Recipient().String()] == entries(threeTree)[a.Recipient().String()] {
		t.Error("a fresh split kept an old share")
	}
	opens(split, []age.Identity{a, c}, []age.Identity{b, d}, []age.Identity{a, b})
}

func TestSSHIdentities(t *testing.T) {
	a, s := fixtureIdentity(t), newSSHKey(t)
	ctx := context.Background()
	out, err := mustLoad(t, "s.yaml", fixture(t, "secret.yaml")).Rotate(ctx, []age.Identity{a}, [][]Recipient{{{Type: "age", Value: s.line}}}, 0, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := dataKeyOf(t, "s.yaml", out, s.id); err != nil {
		t.Fatalf("ssh-ed25519 identity on its ssh recipient: %v", err)
	}
	conv := convertedIdentity(t, s)
	out, err = mustLoad(t, "s.yaml", out).Rewrap(ctx, []age.Identity{s.id, conv}, [][]Recipient{{ageRecipient(conv)}}, 0, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := dataKeyOf(t, "s.yaml", out, s.id, conv); err != nil {
		t.Fatalf("converted identity on the age1 form: %v", err)
	}
}

func TestNoUsableIdentity(t *testing.T) {
	a := fixtureIdentity(t)
	f := mustLoad(t, "s.yaml", fixture(t, "secret.yaml"))
	for name, ids := range map[string][]age.Identity{"none": nil, "other": {newX25519(t)}, "ssh": {newSSHKey(t).id}} {
		_, err := f.Rewrap(context.Background(), ids, [][]Recipient{{ageRecipient(newX25519(t))}}, 0, StoreOptions{})
		if err == nil || !strings.Contains(err.Error(), a.Recipient().String()) || !strings.Contains(err.Error(), "s.yaml") {
			t.Errorf("%s: error = %v, want one naming the file and its recipient", name, err)
		}
	}
}

func TestRefusals(t *testing.T) {
	a := fixtureIdentity(t)
	f := mustLoad(t, "s.yaml", fixture(t, "secret.yaml"))
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		groups [][]Recipient
		want   string
	}{
		{"no groups", nil, "no key groups"},
		{"empty group", [][]Recipient{{}}, "empty"},
		{"pgp", [][]Recipient{{ageRecipient(a), {Type: "pgp", Value: "85D77543B3D624B63CEA9E6DBC17301B491B3F21"}}}, "only age"},
		{"plugin", [][]Recipient{{ageRecipient(a), {Type: "age", Value: "age1yubikey1qwerty"}}}, "plugin"},
		{"garbage", [][]Recipient{{{Type: "age", Value: "age1nope"}}}, "age1nope"},
	} {
		_, err := f.Rewrap(ctx, []age.Identity{a}, c.groups, 0, StoreOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v, want one containing %q", c.name, err, c.want)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.Rotate(cctx, []age.Identity{a}, [][]Recipient{{ageRecipient(a)}}, 0, StoreOptions{}); err == nil {
		t.Error("Rotate with a cancelled context succeeded")
	}
}

func TestStoreOptionsIndent(t *testing.T) {
	a, b := fixtureIdentity(t), newX25519(t)
	two := 2
	out, err := mustLoad(t, "s.yaml", fixture(t, "secret.yaml")).Rewrap(context.Background(), []age.Identity{a},
		[][]Recipient{{ageRecipient(a), ageRecipient(b)}}, 0, StoreOptions{YAMLIndent: &two})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "\n  password: ENC[") {
		t.Errorf("YAML not indented by 2:\n%s", out)
	}
	out, err = mustLoad(t, "s.json", fixture(t, "secret.json")).Rewrap(context.Background(), []age.Identity{a},
		[][]Recipient{{ageRecipient(a), ageRecipient(b)}}, 0, StoreOptions{JSONIndent: &two})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "\n    \"password\": \"ENC[") {
		t.Errorf("JSON not indented by 2:\n%s", out)
	}
}

// tamper returns the fixture with old replaced by new, failing if old is
// not there.
func tamper(t *testing.T, name, old, new string) []byte {
	t.Helper()
	data := string(fixture(t, name))
	if !strings.Contains(data, old) {
		t.Fatalf("%s has no %q", name, old)
	}
	return []byte(strings.Replace(data, old, new, 1))
}

// Corrupt files that still load: the MAC check in Rewrap and Rotate must
// reject them, naming the file.
func TestTamperedFilesAreRejected(t *testing.T) {
	a := fixtureIdentity(t)
	yml := string(fixture(t, "secret.yaml"))
	encOf := func(key string) string {
		i := strings.Index(yml, key+": ENC[")
		j := strings.Index(yml[i:], "]")
		return yml[i+len(key)+2 : i+j+1]
	}
	mac := yml[strings.Index(yml, "mac: ENC[")+5:]
	mac = mac[:strings.Index(mac, "]")+1]
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"unencrypted value changed", tamper(t, "secret.yaml", "token_unencrypted: visible", "token_unencrypted: hidden"), "MAC mismatch"},
		{"values swapped", tamper(t, "secret.yaml", encOf("user"), encOf("password")), "decrypting values"},
		{"value bit flipped", tamper(t, "secret.yaml", "password: "+encOf("password")[:20], "password: "+encOf("password")[:16]+"AAAA"), "decrypting values"},
		{"mac replaced", tamper(t, "secret.yaml", mac, encOf("password")), "MAC"},
		{"lastmodified changed", tamper(t, "secret.yaml", "lastmodified: \"2026", "lastmodified: \"2025"), "MAC"},
		{"value removed", tamper(t, "secret.yaml", "    user: "+encOf("user")+"\n", ""), "MAC mismatch"},
		{"dotenv value changed", tamper(t, "secret.env", "token_unencrypted=visible", "token_unencrypted=x"), "MAC mismatch"},
		{"ini value changed", tamper(t, "secret.ini", "token_unencrypted = visible", "token_unencrypted = x"), "MAC mismatch"},
		{"json value changed", tamper(t, "secret.json", `"token_unencrypted": "visible"`, `"token_unencrypted": "x"`), "MAC mismatch"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := "s.yaml"
			for _, f := range formats {
				if bytes.Contains(c.data, []byte("sops_version")) && f.format == FormatDotenv ||
					bytes.Contains(c.data, []byte("[sops]")) && f.format == FormatINI ||
					bytes.HasPrefix(c.data, []byte("{")) && f.format == FormatJSON {
					path = "s." + strings.TrimPrefix(f.name, "secret.")
				}
			}
			f := mustLoad(t, path, c.data)
			for op, run := range map[string]func(context.Context, []age.Identity, [][]Recipient, int, StoreOptions) ([]byte, error){"Rewrap": f.Rewrap, "Rotate": f.Rotate} {
				out, err := run(context.Background(), []age.Identity{a}, [][]Recipient{{ageRecipient(a), ageRecipient(newX25519(t))}}, 0, StoreOptions{})
				if err == nil || out != nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
					t.Errorf("%s: error = %v, want one naming %s and containing %q", op, err, path, c.want)
				}
			}
		})
	}
}

// A group holding a PGP key next to age ones: Rewrap keeps the PGP entry
// as it is (the metadata is outside the MAC, so one can be spliced into a
// fixture); Rotate, which would have to wrap a new key for it, refuses.
func TestMixedGroupKeepsForeignKeys(t *testing.T) {
	a, b := fixtureIdentity(t), newX25519(t)
	const fp = "85D77543B3D624B63CEA9E6DBC17301B491B3F21"
	pgpBlock := "    pgp:\n        - created_at: \"2026-01-01T00:00:00Z\"\n          enc: |\n            -----BEGIN PGP MESSAGE-----\n\n            d3JhcHBlZA==\n            -----END PGP MESSAGE-----\n          fp: " + fp + "\n"
	data := tamper(t, "secret.yaml", "    unencrypted_suffix:", pgpBlock+"    unencrypted_suffix:")
	f := mustLoad(t, "s.yaml", data)
	pgp := Recipient{Type: "pgp", Value: fp}
	if !equalRecipients(f.Groups[0].Recipients, []Recipient{ageRecipient(a), pgp}) {
		t.Fatalf("groups = %v", f.Groups)
	}
	out, err := f.Rewrap(context.Background(), []age.Identity{a}, [][]Recipient{{ageRecipient(a), pgp, ageRecipient(b)}}, 0, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(pgpBlock)) {
		t.Errorf("the PGP entry changed:\n%s", out)
	}
	if _, _, err := dataKeyOf(t, "s.yaml", out, b); err != nil {
		t.Error(err)
	}
	_, err = f.Rotate(context.Background(), []age.Identity{a}, [][]Recipient{{ageRecipient(a), pgp}}, 0, StoreOptions{})
	if err == nil || !strings.Contains(err.Error(), "only age") {
		t.Errorf("Rotate with a PGP key: error = %v", err)
	}
}

// One File rewritten from several goroutines (run under -race): the
// results all open with the added key and the File still loads as before.
func TestConcurrentRewrites(t *testing.T) {
	a := fixtureIdentity(t)
	f := mustLoad(t, "s.yaml", fixture(t, "secret.yaml"))
	outs := make([][]byte, 4)
	adds := make([]*age.X25519Identity, 4)
	errs := make(chan error, 4)
	for i := range outs {
		adds[i] = newX25519(t)
		go func() {
			var err error
			groups := [][]Recipient{{ageRecipient(a), ageRecipient(adds[i])}}
			if i%2 == 0 {
				outs[i], err = f.Rewrap(context.Background(), []age.Identity{a}, groups, 0, StoreOptions{})
			} else {
				outs[i], err = f.Rotate(context.Background(), []age.Identity{a}, groups, 0, StoreOptions{})
			}
			errs <- err
		}()
	}
	for range outs {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for i, out := range outs {
		if _, _, err := dataKeyOf(t, "s.yaml", out, adds[i]); err != nil {
			t.Errorf("result %d: %v", i, err)
		}
	}
	if len(f.Groups[0].Recipients) != 1 || len(f.tree.Metadata.KeyGroups[0]) != 1 {
		t.Error("rewrites modified the File")
	}
}
