{
  # Foehammer
  yubikey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKtCcKS1jN/WSb4Ggvpz11pkUdE4kMgrN0xwptXLgSBX openpgp:0x79EFAC41";

  foe-windows = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMPkyGlxn//T3XlTnVTXe1qrYFkRujmVsn6lWNRqoi3C lorenzo@LorenzoGaming";
}
