# toXML of every kind of value but paths (absolute, so not portable) and
# derivations (refused: they need a store).
{
  xml = builtins.toXML {
    a = 1;
    b = [ true null 1.5 "x<\"&\n>'" ];
    c = { };
    d = x: x;
    e = { y, z ? 1, ... }@w: y;
    f = { y }: y;
    g = builtins.map;
    h = [ ];
    i = 0.1;
    j = 1.0e20;
    l = -3;
    m = 123456789.0;
    n = builtins.map (x: x);
    o = { b = 2; a = { c = "d"; }; };
    p = 0.0;
    q = -0.5;
  };
  scalar = builtins.toXML 1;
  str = builtins.toXML "a";
}
