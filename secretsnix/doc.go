package secretsnix

// Known differences from nix-instantiate --eval --strict --json (2.8.0):
//
//   - A path in the result is printed as its absolute file name; Nix copies
//     the file to the store and prints the store path. Interpolating a path
//     into a string ("${./x}"), toJSON of a path, ~/paths, <search paths>,
//     builtins.currentSystem and the fetchers, derivation, getEnv and other
//     impure or store-bound builtins are errors naming the construct, with
//     the hint to use --eval=nix.
//   - throw, "cannot compare" and a few other errors that Nix reports
//     without a position are given the position of the call or operator.
//   - assert failures quote the condition's source text, where Nix prints
//     its own rendering of the expression.
//   - Error messages carry no "Did you mean" suffix and no trace.
//   - Deep or endless recursion stops at a fixed depth with an error
//     instead of overflowing the stack.
