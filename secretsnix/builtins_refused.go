package secretsnix

// refusedFns are the Nix 2.8 builtins that need a store, the network, the
// environment or the NIX_PATH, with their arity. They are functions that
// fail when called, so the error is at the call even when the builtin was
// bound earlier (inherit (builtins) getEnv), and isFunction and
// functionArgs see a function as in Nix.
var refusedFns = map[string]int{
	"derivation": 1, "derivationStrict": 1, // build a store derivation
	"fetchGit": 1, "fetchMercurial": 1, "fetchTarball": 1, "fetchTree": 1, "fetchurl": 1, // network, store
	"filterSource": 2, "path": 1, "storePath": 1, "toFile": 2, // copy to or read the store
	"findFile": 2, // NIX_PATH lookup (<nixpkgs>)
	"getEnv":   1, // the environment
}

func refusedPrimop(name string, arity int) *primop {
	what := "builtins." + name
	return &primop{name: name, arity: arity, fn: func(ev *evaluator, _ []*thunk, pos int) (value, error) {
		return nil, ev.unsupported(pos, what)
	}}
}
