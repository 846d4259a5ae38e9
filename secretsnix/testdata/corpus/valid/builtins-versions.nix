let
  inherit (builtins) compareVersions splitVersion parseDrvName;
  pairs = [
    [ "1.0" "2.3" ] [ "2.1" "2.3" ] [ "2.3" "2.3" ] [ "2.5" "2.3" ] [ "2.3pre1" "2.3" ]
    [ "2.3a" "2.3.1" ] [ "2.3" "2.3.1" ] [ "1.2.3-pre" "1.2.3" ] [ "a" "b" ] [ "" "1" ]
    [ "99999999999" "1" ] [ "1.a" "1.1" ] [ "2.3.1" "2.3a" ] [ "pre" "pre" ] [ "1.0" "1-0" ]
  ];
in
{
  compare = map (p: compareVersions (builtins.elemAt p 0) (builtins.elemAt p 1)) pairs;
  split = map splitVersion [ "1.2.3pre4-foo..bar" "" "--..-" "2.3a" "10.0.1" ];
  names = map parseDrvName [ "nix-0.12pre12876" "hello" "foo-bar-1.2-3" "a-" "-1" "openssh-9.6p1" ];
}
