package identity

// Age plugin identities (AGE-PLUGIN-NAME-1... lines, as age-plugin-yubikey
// writes them): the plugin program age-plugin-NAME is found on PATH by
// filippo.io/age/plugin and started once per file it is asked to open.
// What it asks (a PIN, a touch) reaches the caller's UI once per run: the
// answers are kept for the run, and the questions serialised, so that a
// rekey of 50 files opened in parallel asks once.

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"

	"filippo.io/age"
	"filippo.io/age/plugin"
)

// PluginUI is how a plugin talks to the user. Any nil func means "cannot
// ask": the plugin is told so, and the error the func would have given is
// what the caller sees.
type PluginUI struct {
	// Message shows a plugin's message ("touch your YubiKey").
	Message func(plugin, msg string) error
	// Request asks for a value (secret: do not echo it).
	Request func(plugin, prompt string, secret bool) (string, error)
	// Confirm asks a yes/no question.
	Confirm func(plugin, prompt, yes, no string) (bool, error)
}

// ErrNoUI is the error of a plugin question with nowhere to ask it.
var ErrNoUI = errors.New("the plugin needs to ask something and no terminal is available: run on a terminal")

// pluginUI is the run's one channel to the user for every plugin: answers
// cached by (plugin, prompt), questions one at a time, and the last error
// of a question kept for the Unwrap that caused it (the plugin protocol
// only carries "fail" back).
type pluginUI struct {
	ui      PluginUI
	mu      sync.Mutex
	answers map[string]string
	confirm map[string]bool
	lastErr error
	client  *plugin.ClientUI
}

func newPluginUI(ui PluginUI) *pluginUI {
	p := &pluginUI{ui: ui, answers: map[string]string{}, confirm: map[string]bool{}}
	p.client = &plugin.ClientUI{
		DisplayMessage: func(name, msg string) error {
			if p.ui.Message == nil {
				return nil
			}
			return p.ui.Message(name, msg)
		},
		RequestValue: func(name, prompt string, secret bool) (string, error) {
			p.mu.Lock()
			defer p.mu.Unlock()
			key := fmt.Sprintf("%s\x00%s\x00%v", name, prompt, secret)
			if v, ok := p.answers[key]; ok {
				return v, nil
			}
			if p.ui.Request == nil {
				p.lastErr = fmt.Errorf("age-plugin-%s asks %q: %w", name, prompt, ErrNoUI)
				return "", p.lastErr
			}
			v, err := p.ui.Request(name, prompt, secret)
			if err != nil {
				p.lastErr = fmt.Errorf("age-plugin-%s asks %q: %w", name, prompt, err)
				return "", p.lastErr
			}
			p.answers[key] = v
			return v, nil
		},
		Confirm: func(name, prompt, yes, no string) (bool, error) {
			p.mu.Lock()
			defer p.mu.Unlock()
			key := name + "\x00" + prompt + "\x00" + yes + "\x00" + no
			if v, ok := p.confirm[key]; ok {
				return v, nil
			}
			if p.ui.Confirm == nil {
				p.lastErr = fmt.Errorf("age-plugin-%s asks %q: %w", name, prompt, ErrNoUI)
				return false, p.lastErr
			}
			v, err := p.ui.Confirm(name, prompt, yes, no)
			if err != nil {
				p.lastErr = fmt.Errorf("age-plugin-%s asks %q: %w", name, prompt, err)
				return false, p.lastErr
			}
			p.confirm[key] = v
			return v, nil
		},
	}
	return p
}

func (p *pluginUI) takeErr() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	err := p.lastErr
	p.lastErr = nil
	return err
}

// pluginIdentity is a plugin identity whose failures say what the user
// could not be asked.
type pluginIdentity struct {
	id *plugin.Identity
	ui *pluginUI
}

func (pi pluginIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	key, err := pi.id.Unwrap(stanzas)
	if err != nil && !errors.Is(err, age.ErrIncorrectIdentity) {
		if uerr := pi.ui.takeErr(); uerr != nil {
			return nil, uerr
		}
	}
	return key, err
}

// splitPluginLines separates the AGE-PLUGIN- lines of an identity file
// from the rest (age's own identities, comments).
func splitPluginLines(data []byte) (plugins []string, rest []byte) {
	var other bytes.Buffer
	for _, raw := range bytes.SplitAfter(data, []byte("\n")) {
		line := strings.TrimSpace(string(raw))
		if strings.HasPrefix(line, "AGE-PLUGIN-") {
			plugins = append(plugins, line)
			continue
		}
		other.Write(raw)
	}
	return plugins, other.Bytes()
}

// hasIdentityLine reports whether data holds anything but comments and
// blank lines.
func hasIdentityLine(data []byte) bool {
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			return true
		}
	}
	return false
}

// parsePluginIdentities builds the identities of AGE-PLUGIN- lines. They
// are tried last (lazy): a file another key opens never starts a plugin,
// and so never asks for a touch.
func parsePluginIdentities(name string, lines []string, ui *pluginUI) ([]*identity, error) {
	var out []*identity
	for i, l := range lines {
		id, err := plugin.NewIdentity(l, ui.client)
		if err != nil {
			return nil, fmt.Errorf("plugin identity #%d: %v", i+1, err)
		}
		out = append(out, &identity{Identity: pluginIdentity{id, ui}, desc: name + " (age-plugin-" + id.Name() + ")", lazy: true, pub: l})
	}
	return out, nil
}
