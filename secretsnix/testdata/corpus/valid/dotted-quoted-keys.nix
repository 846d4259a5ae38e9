let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
in
{
  "org/root-password.age".publicKeys = [ alice ];
  "org/root-password.age".armor = true;
  a.b.c = 1;
  a.b.d = 2;
  a.e = "three";
  "with space"."and.dot" = true;
  x = { y = 1; };
  x.z = 2;
  "" = "empty name";
  "ünïcode" = "ok";
  quoted."a b" = [ ];
  sel = rec {
    a.b.c = 1;
    one = a.b.c;
  };
}
