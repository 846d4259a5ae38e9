let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  # None of these is ever forced, so none of them is an error.
  broken = 1 + "a";
  boom = throw "never";
  missing = import ./this-file-does-not-exist.nix;
  loop = let x = x; in x;
  badCall = 1 2;
  divZero = 1 / 0;
  noAttr = { }.nope;
  headEmpty = builtins.head [ ];
  unusedFn = x: x.y.z + 1;
in
{
  "lazy.age".publicKeys = [ alice ];
  keptUnforced = builtins.length [ broken boom missing loop ];
  attrNamesOnly = builtins.attrNames { a = boom; b = badCall; };
  selectOther = { bad = divZero; good = "ok"; }.good;
  orSkips = { a = noAttr; }.b or "default";
  ifSkips = if true then "ok" else headEmpty;
  fnUnapplied = builtins.isAttrs unusedFn;
}
