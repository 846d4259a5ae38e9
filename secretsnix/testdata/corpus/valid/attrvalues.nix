let
  hosts = {
    web2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlDsLN9+4UYnzwspf0G0C8dZN9GtOFXbf8cbPn2KBlt";
    db1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILZeSUsn/i7IxwB43HhauPWeyVysM5c8WyH0cl/NfeYn";
    web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  };
  # attrValues returns values ordered by attribute name: db1, web1, web2.
  allHosts = builtins.attrValues hosts;
in
{
  "monitoring.age".publicKeys = allHosts;
  "names" = builtins.attrNames hosts;
}
