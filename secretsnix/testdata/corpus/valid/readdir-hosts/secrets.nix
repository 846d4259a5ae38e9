# Host keys from a directory listing, user keys split from an
# authorized_keys-style file with security keys and ECDSA dropped.
let
  inherit (builtins) readDir attrNames filter match split isString readFile;
  lib = rec {
    hasSuffix = suffix: s: match ".*${suffix}" s != null;
    nonEmpty = filter (l: isString l && l != "");
    # Every *.pub under dir, recursively, as paths relative to it.
    walk = dir: prefix:
      builtins.concatLists (map
        (name:
          let type = (readDir dir).${name}; in
          if type == "directory" then walk (dir + "/${name}") "${prefix}${name}/"
          else if hasSuffix "\\.pub" name then [ "${prefix}${name}" ]
          else [ ])
        (attrNames (readDir dir)));
  };
  hostDir = readDir ./hosts;
  hostNames = map (n: builtins.head (match "(.*)\\.pub" n))
    (filter (n: hostDir.${n} == "regular" && lib.hasSuffix "\\.pub" n) (attrNames hostDir));
  hostKey = name: builtins.head (match "([^ ]+ [^ ]+).*" (readFile (./hosts + "/${name}.pub")));
  lines = lib.nonEmpty (split "\n" (readFile ./users/alice.keys));
  alice = map (l: builtins.concatStringsSep " " (lib.nonEmpty (split "[[:space:]]+" l)))
    (filter (l: match "(sk-|ecdsa-).*" l == null) lines);
  hosts = map hostKey hostNames;
in
{
  listing = hostDir;
  listingFromString = readDir (toString ./hosts);
  listingOfDot = import ./hosts/db/list.nix;
  all = lib.walk ./hosts "";
  inherit hostNames alice;
  "web.age".publicKeys = alice ++ hosts;
  "db.age".publicKeys = alice ++ [ (hostKey "db/db1") ];
}
