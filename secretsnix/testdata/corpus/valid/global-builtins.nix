# Builtins that are in scope without the `builtins.` prefix.
let
  keys = [
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/"
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII27VBqGR3wz0GuxMWrnKxsAVuZtRJewvT0U8hFXGQSx"
  ];
in
{
  "mapped.age".publicKeys = map (k: k) keys;
  count = toString (builtins.length keys);
  removed = removeAttrs { a = 1; b = 2; } [ "b" ];
  unusedThrow = if true then "ok" else throw "no";
  nullCheck = isNull null;
  trueFalseNull = [ true false null ];
  builtinsIsAttrs = builtins.isAttrs builtins;
}
