// Package nixflake holds no code: its tests keep the repository's flake.nix
// true to the module, offline. The vendorHash must equal what .ci/vendorhash
// computes from go.mod/go.sum, and the flake must evaluate (against a stub
// nixpkgs, since nixpkgs cannot be fetched in CI) to the package, app and
// dev shell the README promises.
package nixflake
