{
  "a.age".publicKeys = [
    (builtins.match "\\d+" "12")
  ];
}
