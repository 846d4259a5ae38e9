# Keys are read from .pub files as written by ssh-keygen (trailing newline).
let
  readKey = dir: name:
    builtins.replaceStrings [ "\n" ] [ "" ] (builtins.readFile (./. + "/${dir}/${name}.pub"));
  hostKey = readKey "host-keys";
  userKey = readKey "users";

  operators = map userKey [ "alice" "bob" ];
  servers = map hostKey [ "web1" "web2" "db1" ];
  workstations = [ (hostKey "laptop1") ];
  all = operators ++ servers ++ workstations;

  perHost = names: builtins.listToAttrs (map (n: {
    name = "hosts/${n}/wireguard.age";
    value.publicKeys = operators ++ [ (hostKey n) ];
  }) names);
in
perHost [ "web1" "web2" "db1" ]
// {
  "org/root-password.age".publicKeys = all;
  "shared/nix-serve-key.age" = { publicKeys = operators ++ servers; armor = true; };
  "org/raw-with-newline.age".publicKeys = [ (builtins.readFile ./users/alice.pub) ];
}
