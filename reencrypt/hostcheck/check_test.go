package hostcheck

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nfrekey/nfrekey/recipients"
)

func TestCheckStatuses(t *testing.T) {
	okPriv, okKey := newEd25519(t)
	newPriv, newKey := newEd25519(t)
	_, oldKey := newEd25519(t)
	targets := []Target{
		{Host: Host{Name: "ok", Key: okKey}, Address: sshServer(t, okPriv)},
		{Host: Host{Name: "changed", Key: oldKey}, Address: sshServer(t, newPriv)},
		{Host: Host{Name: "rsa", Key: oldKey}, Address: sshServer(t, newRSA(t))},
		{Host: Host{Name: "stall", Key: oldKey}, Address: stallServer(t)},
		{Host: Host{Name: "closed", Key: oldKey}, Address: closedAddr(t)},
	}
	res := Check(context.Background(), targets, Options{Timeout: 500 * time.Millisecond})
	want := []struct {
		status Status
		found  recipients.Recipient
		reason error
	}{
		{StatusOK, okKey, nil},
		{StatusChanged, newKey, nil},
		{StatusNoEd25519, recipients.Recipient{}, recipients.ErrNoEd25519HostKey},
		{StatusUnreachable, recipients.Recipient{}, recipients.ErrScanTimeout},
		{StatusUnreachable, recipients.Recipient{}, recipients.ErrConnRefused},
	}
	for i, w := range want {
		r := res[i]
		if r.Name != targets[i].Name || r.Status != w.status || !r.Found.Equal(w.found) {
			t.Errorf("%s: status %s found %v, want %s %v (err %v)", targets[i].Name, r.Status, r.Found, w.status, w.found, r.Err)
		}
		if w.reason != nil && !errors.Is(r.Err, w.reason) {
			t.Errorf("%s: err %v, want %v", targets[i].Name, r.Err, w.reason)
		}
		if w.reason == nil && r.Err != nil {
			t.Errorf("%s: unexpected err %v", targets[i].Name, r.Err)
		}
	}
}

func TestCheckVouched(t *testing.T) {
	newPriv, newKey := newEd25519(t)
	_, oldKey := newEd25519(t)
	addr := sshServer(t, newPriv)
	host, port, _ := recipients.SplitHostPort(addr)
	cases := []struct {
		name, kh string
		want     bool
	}{
		{"address lists the new key", fmt.Sprintf("[%s]:%d %s\n", host, port, newKey), true},
		{"name lists the new key", "web1 " + newKey.String() + "\n", true},
		{"lists the old key", fmt.Sprintf("[%s]:%d %s\n", host, port, oldKey), false},
		{"revoked", fmt.Sprintf("@revoked [%s]:%d %s\n", host, port, newKey), false},
		{"other host", "db1 " + newKey.String() + "\n", false},
	}
	for _, c := range cases {
		kh, err := recipients.ParseKnownHosts(strings.NewReader(c.kh), "kh")
		if err != nil {
			t.Fatal(err)
		}
		r := Check(context.Background(), []Target{{Host: Host{Name: "web1", Key: oldKey}, Address: addr}},
			Options{Timeout: 2 * time.Second, KnownHosts: kh})[0]
		if r.Status != StatusChanged || r.Vouched != c.want {
			t.Errorf("%s: status %s vouched %v, want changed %v", c.name, r.Status, r.Vouched, c.want)
		}
	}
}

// TestCheckStallsOverlap: ten stalled hosts cost about one timeout
// together, because each holds only its own slot. Measured, not asserted
// on time: the assertion is that every fast host is ok.
func TestCheckStallsOverlap(t *testing.T) {
	targets := fleet(t, 40, 10)
	start := time.Now()
	res := Check(context.Background(), targets, Options{Timeout: time.Second})
	t.Logf("50 hosts, 10 stalling, timeout 1s: %v", time.Since(start))
	counts := map[Status]int{}
	for _, r := range res {
		counts[r.Status]++
	}
	if counts[StatusOK] != 40 || counts[StatusUnreachable] != 10 {
		t.Fatalf("statuses %v, want 40 ok and 10 unreachable", counts)
	}
}

// fleet is ok in-process SSH servers followed by stalling ones.
func fleet(t testing.TB, ok, stalling int) []Target {
	var out []Target
	for i := range ok {
		priv, key := newEd25519(t)
		out = append(out, Target{Host: Host{Name: fmt.Sprintf("h%d", i), Key: key}, Address: sshServer(t, priv)})
	}
	_, key := newEd25519(t)
	for i := range stalling {
		out = append(out, Target{Host: Host{Name: fmt.Sprintf("stall%d", i), Key: key}, Address: stallServer(t)})
	}
	return out
}

// BenchmarkCheckFleet is the figure in docs/benchmarks.md: 50 loopback
// hosts, 10 of them accepting and never answering, --timeout 2s.
// go test -run '^$' -bench CheckFleet -benchtime 3x ./reencrypt/hostcheck
func BenchmarkCheckFleet(b *testing.B) {
	targets := fleet(b, 40, 10)
	b.ResetTimer()
	for b.Loop() {
		res := Check(context.Background(), targets, Options{Timeout: 2 * time.Second})
		if res[0].Status != StatusOK || res[len(res)-1].Status != StatusUnreachable {
			b.Fatalf("unexpected statuses %s, %s", res[0].Status, res[len(res)-1].Status)
		}
	}
}
