# Evaluated with scopedImport: host, greeting and a replaced toString are
# variables here, the scope shadowing the builtins.
{
  key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${host}";
  shadowed = toString 1;
  builtinStill = builtins.length [ 1 2 ];
  mapStill = map (x: x + 1) [ 1 ];
}
