let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  name = "grafana";
  dir = "services";
  attr = "publicKeys";
  keys = { "${name}-admin" = alice; };
in
{
  "${name}.age".publicKeys = [ alice ];
  "${dir}/${name}/admin-password.age".publicKeys = [ keys."grafana-admin" ];
  ${"bare-" + name} = 1;
  "${dir}".${name}.${attr} = [ keys.${"${name}-admin"} ];
  "pre-${dir}-post" = "x";
  lookup = keys.${name + "-admin"};
}
