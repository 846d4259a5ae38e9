let
  operators = [ ];
in
{
  "a.age".publicKeys = [ (builtins.head operators) ];
}
