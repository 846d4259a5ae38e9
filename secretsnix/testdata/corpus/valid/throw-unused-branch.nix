let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  hosts = { web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y"; };
  hostKey = name:
    if builtins.hasAttr name hosts
    then hosts.${name}
    else throw "unknown host ${name}";
  checked = k: if builtins.isString k then k else builtins.throw "bad key";
in
{
  "web1.age".publicKeys = [ (checked alice) (hostKey "web1") ];
  unusedFn = builtins.isAttrs { f = hostKey "nope"; };
}
