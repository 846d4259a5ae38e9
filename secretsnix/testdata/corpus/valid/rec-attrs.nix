rec {
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  # references to attributes defined later work in a rec set
  admins = [ alice ] ++ extraAdmins;
  extraAdmins = [ ];
  "web1.age".publicKeys = admins ++ [ web1 ];
  count = builtins.length admins;
  nested = rec { x = 1; y = x + 1; z = count + y; };
}
