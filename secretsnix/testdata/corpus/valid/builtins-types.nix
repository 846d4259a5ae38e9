let
  values = [ 1 1.5 "s" ''s'' true null [ ] { } (x: x) ];
  check = f: map f values;
in
{
  isList = check builtins.isList;
  isString = check builtins.isString;
  isAttrs = check builtins.isAttrs;
  publicKeysIsList = builtins.isList { publicKeys = [ ]; }.publicKeys;
}
