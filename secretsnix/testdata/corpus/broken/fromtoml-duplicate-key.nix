let
  hosts = builtins.fromTOML "a = 1\na = 2";
in
{
  "a.age".publicKeys = [ hosts.a ];
}
