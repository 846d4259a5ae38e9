{
  "web1.age".publicKeys = [ (builtins.readFile ./web1.pub) ];
  fingerprint = builtins.hashFile "sha256" ./web1.pub;
  md5 = builtins.hashFile "md5" (toString ./web1.pub);
}
