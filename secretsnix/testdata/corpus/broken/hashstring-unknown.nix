{
  "a.age".publicKeys = [
    (builtins.hashString "sha3" "x")
  ];
}
