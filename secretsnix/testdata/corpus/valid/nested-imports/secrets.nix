let
  # lib/hosts.nix imports ./keys/web.nix relative to lib/, not to this file.
  hosts = import ./lib/hosts.nix;
  users = import ./lib/../lib/users.nix;
in
{
  "web.age".publicKeys = users ++ hosts.web;
  "db.age".publicKeys = users ++ hosts.db;
}
