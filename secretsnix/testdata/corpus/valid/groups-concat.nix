let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  bob = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII27VBqGR3wz0GuxMWrnKxsAVuZtRJewvT0U8hFXGQSx";
  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  web2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlDsLN9+4UYnzwspf0G0C8dZN9GtOFXbf8cbPn2KBlt";
  laptop1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILS1lkS8LlDQh+/tWvJpqTGsfx6N1Hv70ozskMiIDAtU";

  operators = [ alice bob ];
  servers = [ web1 web2 ];
  workstations = [ laptop1 ];
  all = operators ++ servers ++ workstations;
in
{
  "everyone.age".publicKeys = all;
  "servers.age".publicKeys = operators ++ servers;
  "empty-append.age".publicKeys = [ ] ++ operators ++ [ ];
  "nested.age".publicKeys = (operators ++ [ web1 ]) ++ ([ laptop1 ] ++ [ ]);
}
