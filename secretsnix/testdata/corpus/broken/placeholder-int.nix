{
  "a.age".publicKeys = [
    (builtins.placeholder 1)
  ];
}
