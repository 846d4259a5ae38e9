let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  production = true;
  staging = false;
  keysFor = env: if env == "prod" then [ alice web1 ] else if env == "staging" then [ alice ] else [ ];
in
{
  "prod.age".publicKeys = keysFor "prod";
  "staging.age".publicKeys = keysFor "staging";
  "dev.age".publicKeys = keysFor "dev";
  "maybe.age" = { publicKeys = [ alice ]; armor = if production then true else false; };
  untaken = if staging then throw "not taken" else "fine";
  nested = if production then (if staging then 1 else 2) else 3;
}
