package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"sync"

	"golang.org/x/term"

	"github.com/nfrekey/nfrekey/internal/identity"
)

// pluginPrompts is how age plugins (a YubiKey's PIN, a touch) reach the
// user: messages on stderr, questions on the terminal. Without one, a
// question fails with what to do (the contract: never wait on a pipe).
// internal/identity asks each question once per run.
func pluginPrompts(io *IO) identity.PluginUI {
	var mu sync.Mutex
	ui := identity.PluginUI{
		Message: func(name, msg string) error {
			fmt.Fprintf(io.Err, "nfrekey: age-plugin-%s: %s\n", name, msg)
			return nil
		},
	}
	f, ok := io.In.(*os.File)
	if !io.StdinTTY || !ok {
		return ui
	}
	ui.Request = func(name, prompt string, secret bool) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(io.Err, "age-plugin-%s: %s ", name, prompt)
		if secret {
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(io.Err)
			return string(b), err
		}
		line, err := bufio.NewReader(f).ReadString('\n')
		return strings.TrimRight(line, "\r\n"), err
	}
	ui.Confirm = func(name, prompt, yes, no string) (bool, error) {
		mu.Lock()
		defer mu.Unlock()
		choices := "[" + yes
		if no != "" {
			choices += "/" + no
		}
		choices += "]"
		fmt.Fprintf(io.Err, "age-plugin-%s: %s %s ", name, prompt, choices)
		line, err := bufio.NewReader(f).ReadString('\n')
		if err != nil {
			return false, err
		}
		return strings.EqualFold(strings.TrimSpace(line), yes) || (no == "" && strings.TrimSpace(line) == ""), nil
	}
	return ui
}
