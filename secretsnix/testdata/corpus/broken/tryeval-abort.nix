let
  v = builtins.tryEval (builtins.abort "no");
in
{
  "a.age".publicKeys = [ (toString v.success) ];
}
