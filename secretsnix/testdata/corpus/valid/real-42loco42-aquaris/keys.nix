{
  users = {
    leonsch = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJVieLCkWGImVI9c7D0Z0qRxBAKf0eaQWUfMn0uyM/Ql";
  };

  machines = {
    akyuro = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIjSkmdFrVrraCSwZZq7spsSMv43L8y68FflQhu2VqmP";
    janus = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILddovZBoHxbI9q63TPyUxVEHDlRQHguCmE6qfzLXnP4";
  };
}
