{
  web = import ./keys/web.nix;
  db = [ (builtins.readFile ./keys/db1.key) ];
}
