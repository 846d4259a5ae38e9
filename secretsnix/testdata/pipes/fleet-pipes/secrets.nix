# A rules file written with the pipe operators (Nix 2.24+,
# pipe-operators): hosts from a directory listing, keys trimmed.
let
  inherit (builtins) attrNames filter readDir readFile replaceStrings match listToAttrs;
  alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice";
  hostKeys = readDir ./hosts
    |> attrNames
    |> filter (n: match ".*\\.pub" n != null)
    |> map (n: ./hosts + "/${n}")
    |> map readFile
    |> map (replaceStrings [ "\n" ] [ "" ]);
  secret = name: { inherit name; value.publicKeys = [ alice ] ++ hostKeys; };
in
listToAttrs <| map secret <| [ "a.age" "b.age" ]
