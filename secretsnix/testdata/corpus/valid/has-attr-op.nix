let
  keys = {
    hosts.web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
    "quoted name" = 1;
  };
  name = "web1";
in
{
  a = keys ? hosts;
  b = keys ? hosts.web1;
  c = keys ? hosts.web2;
  d = keys ? "quoted name";
  e = keys ? missing.deeper.still;
  f = keys.hosts ? ${name};
  g = !(keys ? hosts);
  h = keys ? hosts && keys.hosts ? web1;
  i = { } ? x;
  j = builtins.hasAttr "hosts" keys;
}
