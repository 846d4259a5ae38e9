let
  inv = builtins.fromTOML (builtins.readFile ./hosts.toml);
  inGroup = g: builtins.filter (h: builtins.elem g h.groups) (builtins.attrValues inv.hosts);
  extra = fromTOML ''
    a = 0x1f
    b = 0o17
    c = 0b101
    d = 1_000
    e = -0.5e2
    f = +3
    s = """
    multi
    line"""
    t = { x = 1, y = [ { z = 2 } ] }
    "quoted key" = 1
    dotted.a.b = "c"
  '';
in
builtins.listToAttrs (map (s: {
  name = s.name;
  value.publicKeys = inv.admins ++ map (h: h.key) (inGroup s.group);
}) inv.secret) // { inherit extra; db = inv.hosts.db1; empty = fromTOML ""; }
