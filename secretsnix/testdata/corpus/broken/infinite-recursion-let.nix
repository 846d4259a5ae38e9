let
  a = a;
in
{
  "a.age".publicKeys = [ a ];
}
