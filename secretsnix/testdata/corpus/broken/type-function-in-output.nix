{
  "a.age".publicKeys = [ ];
  mkSecret = keys: { publicKeys = keys; };
}
