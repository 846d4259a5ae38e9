let
  port = 22;
in
{
  hostPort = "web1:" + port;
  other = 1 + "a";
}
