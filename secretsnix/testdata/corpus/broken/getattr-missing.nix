let
  hosts = { web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y"; };
in
{
  "web2.age".publicKeys = [ (builtins.getAttr "web2" hosts) ];
}
