let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  bob = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII27VBqGR3wz0GuxMWrnKxsAVuZtRJewvT0U8hFXGQSx";
  users = [ alice bob ];

  web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  web2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlDsLN9+4UYnzwspf0G0C8dZN9GtOFXbf8cbPn2KBlt";
  systems = [ web1 web2 ];
in
{
  "secret1.age".publicKeys = [ alice web1 ];
  "secret2.age".publicKeys = users ++ systems;
  "armored-secret.age" = {
    publicKeys = [ alice ];
    armor = true;
  };
}
