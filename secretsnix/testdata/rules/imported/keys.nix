{
  users = { carol = "ssh-ed25519 AAAAcarol"; };
  hosts.app1 = "ssh-ed25519 AAAAapp1";
  hosts.app2 = "ssh-ed25519 AAAAapp2";
}
