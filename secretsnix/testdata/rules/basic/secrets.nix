# agenix rules, NixFleet style
let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice@laptop";
  bob = "age1bob000000000000000000000000000000000000000000000000000000";
  hosts = {
    web1 = builtins.readFile ./host-keys/web1.pub;
    db1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDb1";
  };
  admins = [ alice bob ];
  servers = builtins.attrValues hosts;
  mk = names: builtins.listToAttrs (map (n: { name = n; value = "ssh-ed25519 gen-${n}"; }) names);
  generated = mk [ "gen1" ];
in
{
  "org/root-password.age".publicKeys = admins ++ servers;
  "web/tls.age" = {
    publicKeys = admins ++ [ hosts.web1 ];
    armor = true;
  };
  "db/pass.age".publicKeys = [ alice hosts.db1 "ssh-ed25519 AAAAinline" ];
  "gen.age".publicKeys = [ generated.gen1 ];
}
