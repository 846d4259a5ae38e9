# bob was removed from keys but is still inherited.
# Nix 2.8 reports this at the enclosing attribute set, not at the inherit.
{
  keys = { alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/"; };
  "a.age".publicKeys = [ ];
  inherit ({ alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/"; }) alice bob;
}
