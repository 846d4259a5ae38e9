let
  mkSecret = { keys, armor ? false }: { publicKeys = keys; inherit armor; };
in
{
  "a.age" = mkSecret { armor = true; };
}
