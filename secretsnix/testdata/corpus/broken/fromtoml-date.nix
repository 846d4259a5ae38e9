let
  hosts = builtins.fromTOML "added = 2024-01-01\nkey = \"x\"";
in
{
  "a.age".publicKeys = [ hosts.key ];
}
