let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  secrets = {
    "b.age".publicKeys = [ alice ];
    "a.age".publicKeys = [ alice web1 ];
    "old.age".publicKeys = [ ];
  };
in
{
  names = builtins.attrNames secrets;
  hasA = builtins.hasAttr "a.age" secrets;
  hasZ = builtins.hasAttr "z.age" secrets;
  getA = builtins.getAttr "a.age" secrets;
  pruned = builtins.removeAttrs secrets [ "old.age" "not-there.age" ];
  prunedGlobal = removeAttrs { x = 1; y = 2; } [ "x" ];
  armored = builtins.mapAttrs (name: value: value // { armor = true; }) secrets;
  withNames = builtins.mapAttrs (name: _: name) { p = 1; q = throw "lazy value"; };
  valuesOfEmpty = builtins.attrValues { };
  namesOfEmpty = builtins.attrNames { };
  sortedNames = builtins.attrNames { zeta = 1; Alpha = 2; alpha = 3; "_x" = 4; "10" = 5; "9" = 6; };
}
