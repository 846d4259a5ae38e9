let
  keys = import ./keys.nix;
  inherit (keys) users hosts;
  all = builtins.attrValues users ++ builtins.attrValues hosts;
in
with keys.hosts;
{
  "a.age".publicKeys = all;
  "b.age".publicKeys = [ app1 users.carol ];
  "c.age" = { publicKeys = [ ]; armor = false; comment = "ignored"; };
}
