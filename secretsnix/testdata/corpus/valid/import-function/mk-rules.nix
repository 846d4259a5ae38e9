{ operators, hosts, armorAll ? false }:
builtins.mapAttrs
  (name: hostKeys: { publicKeys = operators ++ hostKeys; } // (if armorAll then { armor = true; } else { }))
  hosts
