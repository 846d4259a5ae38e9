let
  keys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/" ];
in
with keys;
{
  "a.age".publicKeys = [ alice ];
}
