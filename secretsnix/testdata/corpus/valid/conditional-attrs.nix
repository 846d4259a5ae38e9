let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  enableVpn = false;
  enableBackup = true;
in
{
  # a dynamic attribute whose name evaluates to null is left out
  ${if enableVpn then "vpn.age" else null}.publicKeys = [ alice ];
  ${if enableBackup then "backup.age" else null}.publicKeys = [ alice ];
  "always.age".publicKeys = [ alice ];
}
