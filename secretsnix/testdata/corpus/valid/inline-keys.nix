# agenix rules with every key written inline.
{
  "root-password.age".publicKeys = [
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/ throwaway"
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y"
  ];
  "wireguard/web1.age" = {
    publicKeys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y" ];
    armor = true;
  };
  "ci-token.age".publicKeys = [ "age1ruru5q3mwaa2prjzndnyf57dfz9w6upp0w4n5es4aw20762cdsesdk2dsn" ];
}
