{
  users = {
    alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/ throwaway";
    carol = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFLLJGNl70r0S9YjKhJ72YzUuIN6/d1Y+6xEHa0z+DjC throwaway";
  };
  hosts = {
    db1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILZeSUsn/i7IxwB43HhauPWeyVysM5c8WyH0cl/NfeYn";
    web1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
  };
}
