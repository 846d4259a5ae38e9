let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  id = x: x;
  const = x: _: x;
  add = a: b: a + b;
  compose = f: g: x: f (g x);
  twice = f: compose f f;
  secretFor = hosts: { publicKeys = [ alice ] ++ hosts; };
  armored = s: s // { armor = true; };
in
{
  "web1.age" = secretFor [ web1 ];
  "web1-armored.age" = armored (secretFor [ web1 ]);
  "alice-only.age" = secretFor [ ];
  sum = add 1 2;
  partial = let inc = add 1; in inc 41;
  composed = twice (x: x * 2) 5;
  constant = const "kept" (throw "not evaluated");
  identity = id id "x";
  immediate = (x: y: x - y) 10 3;
}
