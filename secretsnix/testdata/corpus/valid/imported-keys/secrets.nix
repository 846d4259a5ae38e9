let
  keys = import ./keys.nix;
  admins = [ keys.users.alice keys.users.carol ];
in
{
  "postgres-password.age".publicKeys = admins ++ [ keys.hosts.db1 ];
  "nginx-htpasswd.age".publicKeys = admins ++ [ keys.hosts.web1 ];
}
