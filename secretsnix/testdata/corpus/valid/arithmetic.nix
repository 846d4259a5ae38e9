{
  add = 1 + 2;
  sub = 10 - 4;
  mul = 6 * 7;
  div = 7 / 2;
  divNeg = -7 / 2;
  divNeg2 = 7 / (-2);
  precedence = 1 + 2 * 3 - 4 / 2;
  parens = (1 + 2) * 3;
  unaryMinus = -5;
  minusMinus = 2 - -1;
  doubleNeg = - (-3);
  floatAdd = 1.5 + 2.25;
  floatMixed = 1 + 0.5;
  floatDiv = 1 / 4.0;
  floatMul = 2.5 * 4;
  floatWhole = 2.0;
  floatSmall = 0.001;
  floatLeadingDot = .5;
  floatExp = 1.5e3;
  floatExpNeg = 2.5e-2;
  bigInt = 9223372036854775807;
  leftAssoc = 100 - 10 - 1;
  leftAssocDiv = 100 / 10 / 2;
  spacedDiv = 8 / 4;
  stringConcat = "a" + "b";
}
