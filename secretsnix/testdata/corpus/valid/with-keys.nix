let
  keys = {
    alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
    web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
    web2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlDsLN9+4UYnzwspf0G0C8dZN9GtOFXbf8cbPn2KBlt";
  };
in
with keys;
{
  "web.age".publicKeys = [ alice web1 web2 ];
  "web1.age".publicKeys = with keys; [ alice web1 ];
}
