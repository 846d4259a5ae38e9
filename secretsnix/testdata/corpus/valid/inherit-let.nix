let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  publicKeys = [ alice web1 ];
  armor = true;
in
{
  "a.age" = { inherit publicKeys; };
  "b.age" = { inherit publicKeys armor; };
  keys = { inherit alice web1; };
}
