package main

import (
	"crypto/ed25519"
	"os"
	"regexp"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/recipients"
)

// The sops scripts' commands:
//
//	sshtoage KEY OUT   write the ssh-to-age identity of the OpenSSH ed25519
//	                   private key KEY to OUT (what sops-nix decrypts with)
//	macsame A B        the two sops files carry the same MAC (! : they differ)
func init() {
	scriptCmds["sshtoage"] = cmdSSHToAge
	scriptCmds["macsame"] = cmdMACSame
}

func cmdSSHToAge(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: sshtoage KEY OUT")
	}
	raw, err := ssh.ParseRawPrivateKey([]byte(ts.ReadFile(args[0])))
	ts.Check(err)
	priv, ok := raw.(*ed25519.PrivateKey)
	if !ok {
		ts.Fatalf("%s: not an ed25519 key", args[0])
	}
	id, err := recipients.AgeIdentityFromEd25519(*priv)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(id.String()+"\n"), 0o600))
}

var macRE = regexp.MustCompile(`(?m)(?:^\s*mac: |"mac": "|^sops_mac=)(ENC\[[^\]]*\])`)

func cmdMACSame(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: macsame A B")
	}
	mac := func(name string) string {
		m := macRE.FindStringSubmatch(ts.ReadFile(name))
		if m == nil {
			ts.Fatalf("%s: no sops MAC", name)
		}
		return m[1]
	}
	if same := mac(args[0]) == mac(args[1]); same == neg {
		ts.Fatalf("MACs of %s and %s: same=%v", args[0], args[1], same)
	}
}
