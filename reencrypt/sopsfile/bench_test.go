package sopsfile

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"filippo.io/age"
)

// The benchmarks time one file's Rewrap (adding a recipient) and Rotate,
// from Load to the returned bytes, on the YAML fixture.

func BenchmarkRewrap(b *testing.B) {
	a := fixtureIdentity(b)
	data := fixture(b, "secret.yaml")
	groups := [][]Recipient{{ageRecipient(a), ageRecipient(newX25519(b))}}
	ids := []age.Identity{a}
	for b.Loop() {
		f, err := Load("s.yaml", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Rewrap(context.Background(), ids, groups, 0, StoreOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRotate(b *testing.B) {
	a := fixtureIdentity(b)
	data := fixture(b, "secret.yaml")
	groups := [][]Recipient{{ageRecipient(newX25519(b))}}
	ids := []age.Identity{a}
	for b.Loop() {
		f, err := Load("s.yaml", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Rotate(context.Background(), ids, groups, 0, StoreOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// startupEnv makes the test binary exit as soon as its package inits have
// run: BenchmarkStartup times a process start of a binary linking sops.
const startupEnv = "NFREKEY_SOPSFILE_EXIT_AT_START"

func TestMain(m *testing.M) {
	if os.Getenv(startupEnv) == "1" {
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// BenchmarkStartup runs this test binary (every sops package linked, their
// inits run) until TestMain exits: the start-up cost a command importing
// this package pays. Compare with `hyperfine 'sops --version'`.
func BenchmarkStartup(b *testing.B) {
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		cmd := exec.Command(self)
		cmd.Env = append(os.Environ(), startupEnv+"=1")
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}
