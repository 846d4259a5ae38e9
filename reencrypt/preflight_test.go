package reencrypt

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/nfrekey/nfrekey/internal/identity"
)

// TestDryRunPreflight: a dry run with Preflight opens every planned file,
// so an identity that cannot open one fails it (exit 2) as the real run
// would; one that can succeeds, writing nothing.
func TestDryRunPreflight(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	encryptTo(t, r.path("b.age"), []byte("x"), false, r.web2)
	r.secret("a.age", 1, r.web1, r.web3)
	r.secret("b.age", 2, r.web2, r.web3)
	snap := snapshot(t, r.path("a.age"))

	// Without Preflight a dry run only plans, whatever the identities.
	if _, err := r.rekey(t, RekeyOptions{DryRun: true}); err != nil {
		t.Fatalf("plain dry run: %v", err)
	}
	_, err := r.rekey(t, RekeyOptions{DryRun: true, Preflight: true})
	var oe *OpenError
	if !IsInput(err) || !errors.As(err, &oe) || len(oe.Files) != 1 || oe.Files[0].Path != "b.age" {
		t.Fatalf("preflight with web1 only: %v", err)
	}
	res, err := r.rekey(t, RekeyOptions{DryRun: true, Preflight: true,
		Identities: identity.New(r.web1.id[0], r.web2.id[0])})
	if err != nil || len(res.Plan) != 2 {
		t.Fatalf("preflight with both: %v, %+v", err, res)
	}
	if !reflect.DeepEqual(snapshot(t, r.path("a.age")), snap) {
		t.Error("a dry run changed a.age")
	}
	if _, err := os.Stat(r.path(".nfrekey.lock")); !os.IsNotExist(err) {
		t.Errorf("a dry run wrote the lock file: %v", err)
	}
}

// TestRekeySteps: with Steps, every planned file is reported opened and
// staged before the plan is announced, each event carrying the count;
// Missing and Undeclared name what the run left alone.
func TestRekeySteps(t *testing.T) {
	r := newRepo(t)
	for _, n := range []string{"a.age", "b.age", "c.age"} {
		encryptTo(t, r.path(n), []byte("x"), false, r.web1)
	}
	encryptTo(t, r.path("stray.age"), []byte("x"), false, r.web1)
	r.secret("a.age", 1, r.web1, r.web2)
	r.secret("b.age", 2, r.web1, r.web2)
	r.secret("c.age", 3, r.web1, r.web2)
	r.secret("gone.age", 4, r.web1)
	count := map[EventKind]int{}
	var order []EventKind
	res, err := r.rekey(t, RekeyOptions{Steps: true, Progress: func(e Event) {
		if (e.Kind == EventOpened || e.Kind == EventStaged) && e.Of != 3 {
			t.Errorf("event %d: Of = %d, want 3", e.Kind, e.Of)
		}
		count[e.Kind]++
		order = append(order, e.Kind)
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[EventKind]int{EventOpened: 3, EventStaged: 3, EventPlanned: 3, EventCommitting: 1, EventWritten: 3}
	if !reflect.DeepEqual(count, want) {
		t.Errorf("events %v, want %v", count, want)
	}
	// Every open before any stage (Open finishes before Stage starts),
	// every stage before the plan is announced.
	if got := order[:6]; !reflect.DeepEqual(got, []EventKind{EventOpened, EventOpened, EventOpened, EventStaged, EventStaged, EventStaged}) {
		t.Errorf("first events %v", got)
	}
	if !reflect.DeepEqual(res.Missing, []string{"gone.age"}) || !reflect.DeepEqual(res.Undeclared, []string{"stray.age"}) {
		t.Errorf("missing %v, undeclared %v", res.Missing, res.Undeclared)
	}
	// Without Steps the events are the ones callers always had.
	count = map[EventKind]int{}
	r.secret("a.age", 1, r.web1, r.web2, r.web3)
	r.rules.Secrets = r.rules.Secrets[1:]
	if _, err := r.rekey(t, RekeyOptions{Progress: func(e Event) { count[e.Kind]++ }}); err != nil {
		t.Fatal(err)
	}
	if count[EventOpened]+count[EventStaged] != 0 || count[EventWritten] != 1 {
		t.Errorf("events without Steps: %v", count)
	}
}
