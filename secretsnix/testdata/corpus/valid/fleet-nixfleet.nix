# NixFleet-shaped rules file: operators and hosts let-bound, role groups,
# secrets grouped under org/, shared/ and agents/.
let
  # operators
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/ alice@throwaway";
  bob = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII27VBqGR3wz0GuxMWrnKxsAVuZtRJewvT0U8hFXGQSx bob@throwaway";
  operators = [ alice bob ];

  # hosts (ssh host keys)
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  web2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlDsLN9+4UYnzwspf0G0C8dZN9GtOFXbf8cbPn2KBlt";
  db1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILZeSUsn/i7IxwB43HhauPWeyVysM5c8WyH0cl/NfeYn";
  laptop1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILS1lkS8LlDQh+/tWvJpqTGsfx6N1Hv70ozskMiIDAtU";
  laptop2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx2B2MfVBkhLMLfvDEKLq5/Y5nJf4LENaIKeN8pdm/B";

  # agents (age identities of CI runners)
  agent1 = "age1ck2l5yvz8u0fh5d6mf008ue27zcwree2csnqkstg0lkmlal3da9qatcdh3";
  agent2 = "age1jvfgfgyury3743adtvq7v3gx9yxnyjs4x4laj4mjqr6qp9d5cfeqgnxv0n";

  servers = [ web1 web2 db1 ];
  workstations = [ laptop1 laptop2 ];
  agents = [ agent1 agent2 ];
  all = operators ++ servers ++ workstations;
in
{
  # org-wide
  "org/root-password.age".publicKeys = all;
  "org/wifi-psk.age".publicKeys = operators ++ workstations;
  "org/backup-passphrase.age" = {
    publicKeys = operators ++ servers;
    armor = true;
  };

  # shared between services
  "shared/smtp-relay.age".publicKeys = operators ++ [ web1 web2 ];
  "shared/postgres-replication.age".publicKeys = operators ++ [ db1 ];
  "shared/restic-repo.age".publicKeys = operators ++ servers;

  # CI agents
  "agents/github-runner-token.age".publicKeys = operators ++ agents;
  "agents/cachix-auth.age".publicKeys = operators ++ agents ++ [ web1 ];
  "agents/deploy-key.age" = {
    publicKeys = operators ++ [ agent1 ];
    armor = true;
  };
}
