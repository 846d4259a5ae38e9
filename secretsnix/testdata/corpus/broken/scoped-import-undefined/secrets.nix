let
  k = scopedImport { host = "a"; } ./keys.nix;
in
{
  "a.age".publicKeys = [ k.key ];
}
