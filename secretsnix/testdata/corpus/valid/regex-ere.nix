# builtins.match / builtins.split as Nix runs them: POSIX extended
# (libstdc++), anchored for match, byte-wise, null for groups not taken.
let
  inherit (builtins) match split;
in
{
  classes = match "[[:space:]]*([[:alpha:]][[:alnum:]_-]*)[[:space:]]*=[[:space:]]*([^[:space:]]+)" "  host_1 = web";
  alt = match "(a|ab)(c|bcd)(d*)" "abcd";
  optional = match "(a)(b)?(c)" "ac";
  nullGroup = match "([0-9]+)|([a-z]+)" "abc";
  noMatch = match "ssh-.*" "ecdsa-sha2 AAAA";
  anchoredWhole = match "b" "abc";
  emptyAll = match "" "";
  brackets = [ (match "[]a]+" "]a]") (match "[^]a]" "b") (match "[a-]+" "-a-") (match "[\\]+" "\\\\") ];
  escapes = match "\\.\\*\\[\\(\\)\\{}\\+\\?\\|\\^\\$]" ".*[(){}+?|^$]";
  dotNewline = match "a.b" "a\nb";
  bytes = [ (match "é." "éé") (match "..." "é.") (split "." "é") (split "é" "aébéc") ];
  intervals = [ (match "a{2}" "aa") (match "a{2,}" "aaaa") (match "a{1,2}" "aaa") ];
  doubled = match "a**" "aaa";
  emptyAlt = [ (match "x|" "") (match "(|a)" "a") ];
  collating = [ (match "[[=a=]]" "a") (match "[[.b.]]" "b") ];
  split = {
    space = split "[[:space:]]+" " a  b\tc ";
    groups = split "(a)|b" "xaybz";
    star = split "a*" "baaac";
    empty = split "" "abc";
    caret = split "^a" "aaa";
    dollar = split "a$" "aaa";
    commas = split "," "a,b,,c";
    nothing = split "(,)" "";
    emptyStar = split "x*" "";
    optional = split "(x)?y" "ayby";
    lines = split "\n" "line1\nline2\n";
  };
}
