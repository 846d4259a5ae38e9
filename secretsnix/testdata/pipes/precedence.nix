# Pipe precedence and associativity, as in Nix's parser.y: below every
# other operator, |> left- and <| right-associative.
let
  inc = x: x + 1;
  dbl = x: x * 2;
in
{
  into = 1 |> inc |> dbl;
  from = dbl <| inc <| 1;
  looseArith = 1 + 2 |> dbl;
  looseConcat = [ 1 ] ++ [ 2 ] |> builtins.length;
  looseUpdate = { a = 1; } // { b = 2; } |> builtins.attrNames;
  looseImpl = false -> true |> (b: !b);
  elseBranch = if false then 0 else 1 |> inc;
  nested = (1 |> inc) + (dbl <| 2);
  lambdaBody = (x: x |> inc) 1;
  inList = [ (1 |> inc) (inc <| 1) ];
}
