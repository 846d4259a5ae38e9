let
  mkName = i: "backup-${toString i}.age";
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
in
builtins.listToAttrs (builtins.genList (i: {
  name = mkName i;
  value = { publicKeys = [ alice ]; armor = i == 1; };
}) 3)
// {
  squares = builtins.genList (i: i * i) 5;
  none = builtins.genList (i: i) 0;
  lazy = builtins.length (builtins.genList (i: throw "lazy") 4);
}
