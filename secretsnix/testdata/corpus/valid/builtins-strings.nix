let
  key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/ alice@laptop";
in
{
  type = builtins.substring 0 11 key;
  tail = builtins.substring 12 1000 key;
  pastEnd = builtins.substring 500 3 key;
  negLength = builtins.substring 3 (-1) "hello";
  zero = builtins.substring 0 0 "hello";
  len = builtins.stringLength key;
  lenEmpty = builtins.stringLength "";
  lenUnicode = builtins.stringLength "é✓";
  replaced = builtins.replaceStrings [ "alice" "laptop" ] [ "bob" "desktop" ] key;
  replaceFirstMatch = builtins.replaceStrings [ "a" "aa" ] [ "1" "2" ] "aaa";
  replaceEmpty = builtins.replaceStrings [ "" ] [ "-" ] "abc";
  replaceNone = builtins.replaceStrings [ ] [ ] "same";
  stripNewline = builtins.replaceStrings [ "\n" ] [ "" ] "line\n";
  toStringInt = toString 42;
  toStringNeg = toString (-7);
  toStringFloat = toString 1.5;
  toStringFloatWhole = toString 2.0;
  toStringThird = toString (1 / 3.0);
  toStringTrue = toString true;
  toStringFalse = toString false;
  toStringNull = toString null;
  toStringString = toString "s";
  toStringList = toString [ 1 "a" null true false [ 2 3 ] ];
  toStringEmptyList = toString [ ];
  builtinsToString = builtins.toString 7;
}
