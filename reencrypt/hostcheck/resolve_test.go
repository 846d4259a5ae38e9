package hostcheck

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	cfg, err := LoadSSHConfig("testdata/ssh_config")
	if err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Addresses: map[string]string{"flagged": "192.0.2.1:2022", "v6": "[2001:db8::1]:22", "bare": "web9"}, SSHConfig: cfg}
	cases := []struct {
		host     Host
		wantAddr string
		wantVia  Via
	}{
		{Host{Name: "flagged", Address: "10.0.0.1"}, "192.0.2.1:2022", ViaFlag},
		{Host{Name: "bare"}, "web9:22", ViaFlag},
		{Host{Name: "v6"}, "[2001:db8::1]:22", ViaFlag},
		{Host{Name: "web1", Address: "10.0.0.1"}, "10.0.0.1:22", ViaRules},
		{Host{Name: "web1", Address: "10.0.0.1:2222"}, "10.0.0.1:2222", ViaRules},
		{Host{Name: "web1"}, "192.0.2.10:2201", ViaSSHConfig},
		{Host{Name: "db7"}, "db7:2202", ViaSSHConfig},
		{Host{Name: "build.lan"}, "build.lan.example.org:22", ViaSSHConfig},
		{Host{Name: "nas.lan"}, "nas.lan:22", ViaName}, // negated; Host * sets only User
		{Host{Name: "cache2"}, "192.0.2.30:22", ViaSSHConfig},
		{Host{Name: "other"}, "other:22", ViaName},
	}
	for _, c := range cases {
		addr, via := r.Resolve(c.host)
		if addr != c.wantAddr || via != c.wantVia {
			t.Errorf("%s: %s via %s, want %s via %s", c.host.Name, addr, via, c.wantAddr, c.wantVia)
		}
	}
	// Without a config the name is the address.
	if addr, via := (&Resolver{}).Resolve(Host{Name: "web1"}); addr != "web1:22" || via != ViaName {
		t.Errorf("no config: %s via %s", addr, via)
	}
}

func TestLoadSSHConfigMissing(t *testing.T) {
	cfg, err := LoadSSHConfig(filepath.Join(t.TempDir(), "nope"))
	if cfg != nil || err != nil {
		t.Errorf("missing config: %v, %v; want nil, nil", cfg, err)
	}
	if _, err := LoadSSHConfig(t.TempDir()); err == nil {
		t.Errorf("a directory as config: no error")
	}
}

func TestParseAddresses(t *testing.T) {
	good, err := ParseAddresses([]string{"web1=10.0.0.1", "db1=[::1]:2222", "web1=10.0.0.1"})
	if err != nil || good["web1"] != "10.0.0.1" || good["db1"] != "[::1]:2222" {
		t.Errorf("got %v, %v", good, err)
	}
	for _, bad := range []string{"web1", "=10.0.0.1", "web1=", "web1=host:99999", "web1=a b", "web1=x/y"} {
		if _, err := ParseAddresses([]string{bad}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if _, err := ParseAddresses([]string{"web1=a", "web1=b"}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("conflicting: %v", err)
	}
}

// FuzzSSHConfig: a hostile ~/.ssh/config never panics the resolver.
func FuzzSSHConfig(f *testing.F) {
	f.Add("Host web1\n  HostName 10.0.0.1\n  Port 22\n", "web1")
	f.Add("Host *.lan !x.lan\n HostName %h.%%\n", "a.lan")
	f.Add("Match host x\n Port 1\nHost [\n", "[")
	f.Fuzz(func(t *testing.T, cfg, name string) {
		c, err := decodeSSHConfig([]byte(cfg))
		if err != nil {
			return
		}
		(&Resolver{SSHConfig: c}).Resolve(Host{Name: name})
	})
}

func FuzzParseAddresses(f *testing.F) {
	f.Add("web1=10.0.0.1:22")
	f.Add("x=[::1]")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseAddresses([]string{s})
		if err == nil && len(m) != 1 {
			t.Fatalf("%q: %v", s, m)
		}
	})
}
