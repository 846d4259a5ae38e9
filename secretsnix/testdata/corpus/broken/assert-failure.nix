let
  keys = [ ];
in
{
  "a.age".publicKeys =
    assert builtins.length keys > 0;
    keys;
}
