let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  # never used, but undefined variables are found before evaluation
  unused = [ alice bob ];
in
{
  "a.age".publicKeys = [ alice ];
}
