package hostcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"strconv"
	"strings"

	"github.com/kevinburke/ssh_config"

	"github.com/nfrekey/nfrekey/internal/readlimit"
	"github.com/nfrekey/nfrekey/recipients"
)

// Via says where a host's address came from, in the order they are tried.
type Via string

const (
	ViaFlag      Via = "--address"
	ViaRules     Via = "rules"
	ViaSSHConfig Via = "ssh-config"
	ViaName      Via = "name" // NAME itself, as a DNS name
)

// Resolver finds the address of a host.
type Resolver struct {
	// Addresses are the --address NAME=HOST[:PORT] overrides.
	Addresses map[string]string
	// SSHConfig is the parsed ~/.ssh/config, nil when there is none.
	SSHConfig *ssh_config.Config
}

// Resolve returns HOST:PORT for h and where it came from: Addresses, then
// the address in the rules, then HostName and Port of the ssh config
// entries matching NAME (Host patterns as ssh applies them, first value
// wins), then NAME on port 22.
func (r *Resolver) Resolve(h Host) (string, Via) {
	if a, ok := r.Addresses[h.Name]; ok {
		return withPort(a), ViaFlag
	}
	if h.Address != "" {
		return withPort(h.Address), ViaRules
	}
	if r.SSHConfig != nil {
		hostname, _ := r.SSHConfig.Get(h.Name, "HostName")
		port, _ := r.SSHConfig.Get(h.Name, "Port")
		if hostname != "" || port != "" {
			if hostname == "" {
				hostname = h.Name
			}
			hostname = expandTokens(hostname, h.Name)
			if port == "" {
				port = "22"
			}
			return net.JoinHostPort(hostname, port), ViaSSHConfig
		}
	}
	return withPort(h.Name), ViaName
}

// expandTokens applies the tokens ssh allows in HostName: %h (the name
// given) and %%.
func expandTokens(s, name string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	return strings.NewReplacer("%%", "%", "%h", name).Replace(s)
}

// withPort makes HOST, HOST:PORT, [V6]:PORT or a bare IPv6 address into
// what net.Dial takes; a string that is none of them is kept for Scan to
// refuse with its own message.
func withPort(a string) string {
	host, port, err := recipients.SplitHostPort(a)
	if err != nil {
		return a
	}
	return net.JoinHostPort(host, strconv.Itoa(port))
}

// ParseAddresses parses --address NAME=HOST[:PORT] values.
func ParseAddresses(flags []string) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range flags {
		name, addr, ok := strings.Cut(f, "=")
		name, addr = strings.TrimSpace(name), strings.TrimSpace(addr)
		if !ok || name == "" || addr == "" {
			return nil, fmt.Errorf("--address %q: want NAME=HOST[:PORT]", f)
		}
		if _, _, err := recipients.SplitHostPort(addr); err != nil {
			return nil, fmt.Errorf("--address %s: %w", f, err)
		}
		if prev, dup := out[name]; dup && prev != addr {
			return nil, fmt.Errorf("--address: %s given twice (%s and %s)", name, prev, addr)
		}
		out[name] = addr
	}
	return out, nil
}

// maxSSHConfigSize bounds ~/.ssh/config.
const maxSSHConfigSize = 4 << 20

// LoadSSHConfig parses an OpenSSH client config (~/.ssh/config). A file
// that does not exist is no config: nil and no error. Include directives
// are followed as the ssh_config library does (relative to ~/.ssh).
func LoadSSHConfig(path string) (*ssh_config.Config, error) {
	b, err := readlimit.ReadFile(path, maxSSHConfigSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	cfg, err := decodeSSHConfig(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// decodeSSHConfig guards against a panic in the library on hostile input:
// a config is input, and input never crashes nfrekey.
func decodeSSHConfig(b []byte) (cfg *ssh_config.Config, err error) {
	defer func() {
		if r := recover(); r != nil {
			cfg, err = nil, fmt.Errorf("cannot parse: %v", r)
		}
	}()
	return ssh_config.Decode(bytes.NewReader(b))
}
