let
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/";
  # web1.pub and web2.pub end with a newline, db1.pub does not.
  hostKey = name: builtins.readFile ./host-keys/${name}.pub;
  trimmed = name: builtins.replaceStrings [ "\n" ] [ "" ] (hostKey name);
in
{
  "web1.age".publicKeys = [ alice (builtins.readFile ./host-keys/web1.pub) ];
  "web2.age".publicKeys = [ alice (trimmed "web2") ];
  "db1.age".publicKeys = [ alice (hostKey "db1") ];
  "web.age".publicKeys = map trimmed [ "web1" "web2" ];
}
