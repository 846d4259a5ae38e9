let
  t = true;
  f = false;
in
{
  and = t && f;
  or = t || f;
  not = !t;
  notNot = !!t;
  impl1 = f -> (throw "short-circuit");
  impl2 = t -> f;
  shortAnd = f && (throw "not evaluated");
  shortOr = t || (throw "not evaluated");
  precedence = t || f && f;
  precedence2 = !f && t;
  eqPrec = 1 == 1 && 2 != 3;
}
