let
  c = builtins.genericClosure {
    startSet = [ { name = "x"; } ];
    operator = x: [ ];
  };
in
{
  "a.age".publicKeys = map (x: x.name) c;
}
