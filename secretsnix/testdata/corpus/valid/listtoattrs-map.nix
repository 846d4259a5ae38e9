let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  hosts = {
    web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
    web2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlDsLN9+4UYnzwspf0G0C8dZN9GtOFXbf8cbPn2KBlt";
    db1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILZeSUsn/i7IxwB43HhauPWeyVysM5c8WyH0cl/NfeYn";
  };
  hostSecret = name: {
    name = "hosts/${name}/ssh_host_ed25519_key.age";
    value.publicKeys = [ alice hosts.${name} ];
  };
in
builtins.listToAttrs (map hostSecret (builtins.attrNames hosts))
// builtins.listToAttrs [
  { name = "dup.age"; value = 1; }
  { name = "dup.age"; value = 2; } # the first occurrence wins
]
