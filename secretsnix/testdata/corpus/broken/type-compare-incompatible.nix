let
  minVersion = 3;
in
{
  ok = minVersion < "4";
}
