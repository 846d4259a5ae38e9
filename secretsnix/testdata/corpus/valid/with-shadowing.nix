# let bindings win over `with`; an inner `with` wins over an outer one.
let
  name = "from-let";
  outer = { name = "outer-with"; only = "outer-only"; shared = "outer"; };
  inner = { shared = "inner"; };
in
{
  a = with outer; name;
  b = with outer; with inner; shared;
  c = with outer; with inner; only;
  d = with { x = 1; }; x + (with { x = 10; }; x);
}
