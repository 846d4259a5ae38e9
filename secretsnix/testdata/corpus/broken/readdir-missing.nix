let
  inherit (builtins) readDir;
  x = 1;
in
{
  "a.age".publicKeys = builtins.attrNames (readDir ./no-such-dir);
}
