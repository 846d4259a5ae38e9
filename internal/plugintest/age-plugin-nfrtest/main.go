// Command age-plugin-nfrtest is an age plugin for tests, standing in for a
// hardware token such as age-plugin-yubikey: its recipients (age1nfrtest1...)
// and identities (AGE-PLUGIN-NFRTEST-1...) carry an X25519 key, and its
// stanzas are typed "nfrtest", so that nothing but the plugin opens them.
// With NFRTEST_PIN set, every unwrap asks the client for that PIN (as a
// token asks for its PIN); NFRTEST_LOG, when set, gets one line per
// question asked.
package main

import (
	"errors"
	"fmt"
	"os"

	"filippo.io/age"
	"filippo.io/age/plugin"
)

const stanzaType = "nfrtest"

type recipient struct{ r *age.X25519Recipient }

func (r recipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	ss, err := r.r.Wrap(fileKey)
	if err != nil {
		return nil, err
	}
	for _, s := range ss {
		s.Type = stanzaType
	}
	return ss, nil
}

type identity struct {
	id *age.X25519Identity
	p  *plugin.Plugin
}

func (i identity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	var ours []*age.Stanza
	for _, s := range stanzas {
		if s.Type == stanzaType {
			c := *s
			c.Type = "X25519"
			ours = append(ours, &c)
		}
	}
	if len(ours) == 0 {
		return nil, age.ErrIncorrectIdentity
	}
	if pin := os.Getenv("NFRTEST_PIN"); pin != "" {
		if log := os.Getenv("NFRTEST_LOG"); log != "" {
			if f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
				fmt.Fprintln(f, "asked")
				f.Close()
			}
		}
		got, err := i.p.RequestValue("Enter PIN for nfrtest token:", true)
		if err != nil {
			return nil, err
		}
		if got != pin {
			return nil, errors.New("wrong PIN")
		}
	}
	return i.id.Unwrap(ours)
}

func main() {
	p, err := plugin.New("nfrtest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	p.HandleRecipient(func(data []byte) (age.Recipient, error) {
		r, err := age.ParseX25519Recipient(string(data))
		if err != nil {
			return nil, err
		}
		return recipient{r}, nil
	})
	p.HandleIdentity(func(data []byte) (age.Identity, error) {
		id, err := age.ParseX25519Identity(string(data))
		if err != nil {
			return nil, err
		}
		return identity{id, p}, nil
	})
	os.Exit(p.Main())
}
