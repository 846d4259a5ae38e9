let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  armor = "yes";
in
{
  "a.age" = { publicKeys = [ alice ]; armor = if armor then true else false; };
}
