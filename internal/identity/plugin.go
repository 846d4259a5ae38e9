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
	"sync/atomic"

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
// kept by (plugin, prompt) for the run, questions one at a time. An answer
// is replayed only while it works: the same question twice in one plugin
// session, or an unwrap that fails after a replayed answer, means the
// plugin refused it (a wrong PIN), and replaying it to every file would
// spend the token's PIN retries. It is then forgotten and asked afresh.
type pluginUI struct {
	ui      PluginUI
	mu      sync.Mutex
	answers map[string]string // values, by question key
	confirm map[string]bool
	// client serves plugin recipients (wrapping asks nothing in practice)
	// and the identities' first parse; each unwrap gets its own session.
	client *plugin.ClientUI
	// Until an unwrap succeeded, unwraps run one at a time (gate): files
	// opened in parallel must not all replay a first, wrong PIN.
	gate   sync.Mutex
	proven atomic.Bool
}

func newPluginUI(ui PluginUI) *pluginUI {
	p := &pluginUI{ui: ui, answers: map[string]string{}, confirm: map[string]bool{}}
	p.client = p.session().client
	return p
}

// session is the questions and answers of one plugin run (one unwrap).
type session struct {
	p      *pluginUI
	asked  map[string]bool // questions answered in this session
	err    error           // the last question that could not be answered
	client *plugin.ClientUI
}

func (p *pluginUI) session() *session {
	s := &session{p: p, asked: map[string]bool{}}
	s.client = &plugin.ClientUI{
		DisplayMessage: func(name, msg string) error {
			if p.ui.Message == nil {
				return nil
			}
			return p.ui.Message(name, msg)
		},
		RequestValue: func(name, prompt string, secret bool) (string, error) {
			key := fmt.Sprintf("v\x00%s\x00%s\x00%v", name, prompt, secret)
			return s.answer(key, name, prompt, strMapStore(p.answers), func() (string, error) {
				if p.ui.Request == nil {
					return "", ErrNoUI
				}
				return p.ui.Request(name, prompt, secret)
			})
		},
		Confirm: func(name, prompt, yes, no string) (bool, error) {
			key := "c\x00" + name + "\x00" + prompt + "\x00" + yes + "\x00" + no
			v, err := s.answer(key, name, prompt, boolMap(p.confirm), func() (string, error) {
				if p.ui.Confirm == nil {
					return "", ErrNoUI
				}
				ok, err := p.ui.Confirm(name, prompt, yes, no)
				if ok {
					return "yes", err
				}
				return "no", err
			})
			return v == "yes", err
		},
	}
	return s
}

// answer gives the kept answer to key, or asks.
func (s *session) answer(key, name, prompt string, store answerStore, ask func() (string, error)) (string, error) {
	p := s.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if s.asked[key] {
		// Asked again in the same session: the plugin refused the answer.
		store.del(key)
	}
	s.asked[key] = true
	if v, ok := store.get(key); ok {
		return v, nil
	}
	v, err := ask()
	if err != nil {
		s.err = fmt.Errorf("age-plugin-%s asks %q: %w", name, prompt, err)
		return "", s.err
	}
	store.set(key, v)
	return v, nil
}

// failed forgets the answers this session gave: its unwrap failed.
func (s *session) failed() {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	for k := range s.asked {
		delete(s.p.answers, k)
		delete(s.p.confirm, k)
	}
}

type answerStore interface {
	get(string) (string, bool)
	set(string, string)
	del(string)
}

func (m strMapStore) get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m strMapStore) set(k, v string)             { m[k] = v }
func (m strMapStore) del(k string)                { delete(m, k) }

type strMapStore map[string]string

type boolMap map[string]bool

func (m boolMap) get(k string) (string, bool) {
	v, ok := m[k]
	if v {
		return "yes", ok
	}
	return "no", ok
}
func (m boolMap) set(k, v string) { m[k] = v == "yes" }
func (m boolMap) del(k string)    { delete(m, k) }

// pluginIdentity is a plugin identity whose every unwrap is one session
// of questions, and whose failures say what the user could not be asked.
type pluginIdentity struct {
	encoding string
	ui       *pluginUI
}

func (pi pluginIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if !pi.ui.proven.Load() {
		pi.ui.gate.Lock()
		defer pi.ui.gate.Unlock()
	}
	s := pi.ui.session()
	id, err := plugin.NewIdentity(pi.encoding, s.client)
	if err != nil {
		return nil, err
	}
	key, err := id.Unwrap(stanzas)
	if err == nil {
		pi.ui.proven.Store(true)
	}
	if err != nil && !errors.Is(err, age.ErrIncorrectIdentity) {
		pi.ui.proven.Store(false)
		s.failed()
		if s.err != nil {
			return nil, s.err
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
		out = append(out, &identity{Identity: pluginIdentity{l, ui}, desc: name + " (age-plugin-" + id.Name() + ")", lazy: true, pub: l})
	}
	return out, nil
}
