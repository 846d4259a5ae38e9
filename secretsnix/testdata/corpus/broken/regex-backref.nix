let
  keys = [ "ssh-ed25519 AAAA" ];
in
{
  "a.age".publicKeys = builtins.filter (k: builtins.match "(ssh|sk)-\\1" k == null) keys;
}
