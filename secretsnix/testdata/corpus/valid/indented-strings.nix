let
  name = "web1";
  multi = "first\n  second";
in
{
  basic = ''
    line one
      indented two
    line three
  '';
  firstLineNotEmpty = ''   a
  b'';
  escapes = ''
    dollar: ''${name}
    quotes: '''
    escaped newline: ''\n
    escaped tab: ''\t
    escaped dollar sign: ''$
    lone dollar: $ and $$
  '';
  interp = ''
    host ${name}
      ${multi}
  '';
  blankLines = ''

      a

      b
  '';
  tabs = ''
	tab-indented
	stays
  '';
  oneLine = ''single'';
  empty = '''';
  trailingSpaces = ''
    x
    '';
  quoteInside = ''she said "hi" and 'bye' '';
}
