let
  count = 1;
in
{
  total = count
    + "a";
}
