# A small generator: one secret per (name, recipients) pair, with the
# operators always added.
{ operators, prefix ? "" }:
secrets:
builtins.listToAttrs (map
  (s: {
    name = "${prefix}${s.name}.age";
    value = { publicKeys = operators ++ s.to; } // (if s.armor or false then { armor = true; } else { });
  })
  secrets)
