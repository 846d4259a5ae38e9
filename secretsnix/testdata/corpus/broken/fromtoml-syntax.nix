let
  hosts =
    builtins.fromTOML "key = ";
in
{
  "a.age".publicKeys = [ hosts.key ];
}
