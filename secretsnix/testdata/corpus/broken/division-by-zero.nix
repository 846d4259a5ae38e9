let
  hosts = 0;
in
{
  perHost = 100 / hosts;
}
