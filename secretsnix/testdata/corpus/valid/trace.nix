let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  keys = builtins.trace "evaluating keys" [ alice ];
in
{
  "traced.age".publicKeys = keys;
  value = builtins.trace { an = "attrset"; } 42;
}
