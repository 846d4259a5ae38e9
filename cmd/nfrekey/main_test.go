package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/nfrekey/nfrekey/internal/peer"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"nfrekey": func() { os.Exit(run(context.Background(), newStdIO(), os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end scripts under testdata/script. A script
// names the external programs it needs with `[exec:PROG]` conditions; under
// NFREKEY_REQUIRE_PEERS=1 a missing one fails the run (see requirePeers).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds:                scriptCmds,
		Condition:           scriptCondition,
		Setup: func(env *testscript.Env) error {
			// Commands must never see the developer's own keys or config.
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/home/.config")
			env.Setenv("SOPS_AGE_KEY_FILE", "")
			env.Setenv("SOPS_AGE_KEY", "")
			env.Setenv("RULES", "")
			return nil
		},
	})
}

// TestPeersPresent fails in CI when an oracle program the scripts use is
// missing, since testscript would otherwise skip those scripts quietly.
func TestPeersPresent(t *testing.T) {
	for _, prog := range []string{"age", "age-keygen", "ssh-keygen", "sshd", "sh", "nix-instantiate", "flock", "chattr", "script", "git", "strace", "sops"} {
		if _, err := exec.LookPath(prog); err != nil {
			peer.Missing(t, prog+" is not installed ("+strings.TrimSpace(err.Error())+")")
		}
	}
}
