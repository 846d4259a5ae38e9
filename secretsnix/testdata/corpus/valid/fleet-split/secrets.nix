let
  keys = import ./keys.nix;
  operators = builtins.attrValues keys.operators;
  inherit (keys) servers workstations;
  all = operators ++ servers ++ workstations;
  mkOrg = import ./lib/mk-secrets.nix { inherit operators; prefix = "org/"; };
  mkShared = import ./lib/mk-secrets.nix { inherit operators; prefix = "shared/"; };
in
mkOrg [
  { name = "root-password"; to = all; }
  { name = "ldap-bind"; to = servers; armor = true; }
]
// mkShared [
  { name = "grafana-admin"; to = [ keys.hosts.servers.web1 ]; }
]
// {
  "agents/ci-token.age".publicKeys = operators ++ [ keys.agents.ci ];
  "hosts/legacy.age".publicKeys = [ keys.hosts.servers.legacy ];
}
