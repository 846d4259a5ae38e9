let
  cfg = {
    hosts.web1.key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDo5yv5MauZUnkesIaF3Hoz2RAdNIkzMcVwOYsLD343y";
    armor = { };
  };
  name = "web1";
in
{
  present = cfg.hosts.web1.key or "missing";
  absent = cfg.hosts.web2.key or "missing";
  absentDeep = cfg.a.b.c.d or null;
  dynamic = cfg.hosts.${name}.key or "missing";
  armor = cfg.armor.enable or false;
  listDefault = cfg.extraKeys or [ ];
  orAsDefaultInList = [ (cfg.x or 1) 2 ];
  quoted = cfg."hosts".web1."key" or "missing";
}
