{
  intLt = 1 < 2;
  intLe = 2 <= 2;
  intGt = 1 > 2;
  intGe = 3 >= 4;
  floatLt = 1.5 < 2;
  mixedEq = 1 == 1.0;
  strLt = "abc" < "abd";
  strLtPrefix = "ab" < "abc";
  strEq = "a" == "a";
  strNe = "a" != "b";
  listEq = [ 1 2 "x" ] == [ 1 2 "x" ];
  listNe = [ 1 2 ] != [ 2 1 ];
  listLt = [ 1 2 ] < [ 1 3 ];
  listLtShorter = [ 1 ] < [ 1 0 ];
  attrsEq = { a = 1; b = [ 2 ]; } == { b = [ 2 ]; a = 1; };
  attrsNe = { a = 1; } != { a = 2; };
  nullEq = null == null;
  nullNe = null != false;
  boolEq = true == true;
  typeMismatchEq = 1 == "1";
  emptyEq = [ ] == [ ];
}
