{
  newline = "a\nb";
  tab = "a\tb";
  cr = "a\rb";
  backslash = "a\\b";
  quote = "say \"hi\"";
  dollar = "\${not interpolated}";
  dollarEscaped = "\$";
  lonelyDollar = "cost: $5";
  doubleDollar = "$${literal}";
  unknownEscape = "\a\q\z";
  literalNewline = "line1
line2";
  empty = "";
  unicode = "héllo wörld ✓ 🔑";
  hash = "# not a comment";
  slashes = "/* not a comment */";
  endsWithDollar = "x$";
}
