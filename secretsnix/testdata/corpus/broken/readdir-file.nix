{
  "a.age".publicKeys =
    builtins.attrNames (builtins.readDir ./readdir-file.nix);
}
