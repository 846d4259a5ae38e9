let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  keys = [ alice ];
in
assert builtins.length keys > 0;
assert builtins.isList keys;
{
  "checked.age".publicKeys = assert keys != [ ]; keys;
  value = assert true; assert 1 < 2; "passed";
}
