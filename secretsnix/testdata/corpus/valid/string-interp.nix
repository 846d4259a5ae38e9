let
  user = "alice";
  host = "web1";
  domain = "example.org";
  nested = "${user}@${"${host}.${domain}"}";
  n = 42;
in
{
  comment = "${user}@${host}";
  inherit nested;
  withToString = "port ${toString n}";
  withPlus = "a" + "b" + "${"c"}";
  adjacent = "${user}${host}";
  nestedQuotes = "x ${ "y ${ "z" }" }";
  exprInside = "${if n > 40 then "big" else "small"}";
  listJoined = "${toString [ user host ]}";
}
