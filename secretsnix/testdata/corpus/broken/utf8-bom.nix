{
  "a.age".publicKeys = [ ];
}
