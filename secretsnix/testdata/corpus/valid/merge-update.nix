let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  base = {
    "a.age".publicKeys = [ alice ];
    "b.age".publicKeys = [ alice ];
  };
  overrides = {
    # `//` is shallow: this replaces the whole "b.age" set.
    "b.age" = { publicKeys = [ web1 ]; armor = true; };
    "c.age".publicKeys = [ alice web1 ];
  };
in
base // overrides // { "d.age".publicKeys = [ ]; } // { }
