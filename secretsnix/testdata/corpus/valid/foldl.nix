let
  groups = [
    [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/" ]
    [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y" ]
    [ ]
  ];
  files = [ "a" "b" "c" ];
in
{
  "all.age".publicKeys = builtins.foldl' (acc: g: acc ++ g) [ ] groups;
  sum = builtins.foldl' (a: b: a + b) 0 [ 1 2 3 4 ];
  order = builtins.foldl' (a: b: "(${a} ${b})") "z" [ "x" "y" ];
  empty = builtins.foldl' (a: b: a + b) "init" [ ];
  asAttrs = builtins.foldl'
    (acc: f: acc // { "${f}.age".publicKeys = [ ]; })
    { }
    files;
}
