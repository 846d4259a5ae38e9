let
  inherit (builtins) split;
in
{
  "a.age".publicKeys =
    split "[[:space:]+" "a b";
}
