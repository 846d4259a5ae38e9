let
  # let bindings are mutually recursive
  a = b + 1;
  b = 2;
  x = "outer";
  f = x: x; # the parameter shadows the let binding
  g = y: x; # the closure sees the outer x
  inner = let x = "inner"; in x;
  inherit (nested) deep;
  nested = { deep = "from nested"; };
in
{
  inherit a b inner deep;
  shadow = f "param";
  closure = g "ignored";
  letInLet = let a = 10; in let b = a + 1; in b;
  attrNotInScope = let s = { x = "attr"; }; in x;
}
