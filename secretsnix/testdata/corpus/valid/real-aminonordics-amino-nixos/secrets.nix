{
    "postgres_password.age".publicKeys = [
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILCk2+KRogVgvwc4o6Jb3oW0VM/5V+/lq03NfbnLxewt root@nixos-do"
  ];
    "dev/amino_api_v2/postgres_connection_string.age".publicKeys = [
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILCk2+KRogVgvwc4o6Jb3oW0VM/5V+/lq03NfbnLxewt root@nixos-do"
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHpB1XsuiQeP6q95awWAp6RBOd0r246yLHTVUzcgJPa7 aksel@stadler.no"
  ];
}
