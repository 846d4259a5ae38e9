let
  web1 = builtins.readFile ./host-keys/web1.pub;
in
{
  "a.age".publicKeys = [ web1 ];
}
