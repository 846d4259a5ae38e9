let
  load = host: scopedImport { inherit host; toString = x: "replaced"; } ./keys.nix;
  web = load "web";
  db = builtins.scopedImport { host = "db"; } ./keys.nix;
in
{
  "web.age".publicKeys = [ web.key ];
  "db.age".publicKeys = [ db.key ];
  inherit (web) shadowed builtinStill mapStill;
  dbShadowed = db.shadowed;
  empty = scopedImport { } ./empty.nix;
}
