package sshage_test

import (
	"testing"

	"filippo.io/age"
)

// The benchmarks time one Wrap and one Unwrap of a 16-byte file key, ours
// against agessh (sub-benchmarks "sshage" and "agessh"). Unwrap is given
// the single matching stanza.

func BenchmarkWrap(b *testing.B) {
	k := newKey(b)
	fileKey := randomFileKey(b, 16)
	for _, c := range []struct {
		name string
		r    age.Recipient
	}{{"sshage", k.oursR}, {"agessh", k.theirsR}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.r.Wrap(fileKey); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUnwrap(b *testing.B) {
	k := newKey(b)
	fileKey := randomFileKey(b, 16)
	stanzas := wrap(b, k.theirsR, fileKey)
	for _, c := range []struct {
		name string
		id   age.Identity
	}{{"sshage", k.ours}, {"agessh", k.theirs}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.id.Unwrap(stanzas); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUnwrapForeign is an Unwrap of a stanza for another key (the
// tag differs): ours spends no multiplication on it.
func BenchmarkUnwrapForeign(b *testing.B) {
	k, other := newKey(b), newKey(b)
	stanzas := wrap(b, other.oursR, randomFileKey(b, 16))
	for _, c := range []struct {
		name string
		id   age.Identity
	}{{"sshage", k.ours}, {"agessh", k.theirs}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.id.Unwrap(stanzas)
			}
		})
	}
}
