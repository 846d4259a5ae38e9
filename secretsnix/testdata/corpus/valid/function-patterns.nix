let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  mkSecret = { keys, armor ? false, ... }: { publicKeys = keys; inherit armor; };
  withDefaults = { a, b ? a + 1, c ? b * 2 }: [ a b c ];
  named = args@{ x, ... }: { inherit x; names = builtins.attrNames args; };
  namedAfter = { y, ... }@all: all.z or "no z";
  emptyPattern = { }: "took an empty set";
  onlyEllipsis = { ... }: "anything";
in
{
  "a.age" = mkSecret { keys = [ alice ]; };
  "b.age" = mkSecret { keys = [ alice ]; armor = true; extra = "ignored"; };
  defaults1 = withDefaults { a = 1; };
  defaults2 = withDefaults { a = 1; c = 0; };
  defaults3 = withDefaults { a = 1; b = 10; };
  named = named { x = 1; y = 2; };
  namedAfter1 = namedAfter { y = 1; z = "zed"; };
  namedAfter2 = namedAfter { y = 1; };
  empty = emptyPattern { };
  ellipsis = onlyEllipsis { q = throw "lazy"; };
}
