# Imported as a directory: `import ./keys` reads keys/default.nix.
let
  operators = import ./operators.nix;
in
{
  inherit operators;
  deploy = "age1ruru5q3mwaa2prjzndnyf57dfz9w6upp0w4n5es4aw20762cdsesdk2dsn";
}
