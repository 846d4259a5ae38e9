let
  keys = {
    alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
    bob = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII27VBqGR3wz0GuxMWrnKxsAVuZtRJewvT0U8hFXGQSx";
    web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
    unused = throw "never evaluated";
  };
  inherit (keys) alice bob;
  inherit (keys)
    web1
    ;
in
{
  "team.age".publicKeys = [ alice bob ];
  "web1.age".publicKeys = [ alice web1 ];
  hosts = { inherit (keys) web1; };
}
