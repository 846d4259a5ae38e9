let
  maybeKey = null;
  keyOr = k: d: if k == null then d else k;
in
{
  explicit = null;
  list = [ null 1 null ];
  fallback = keyOr maybeKey "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx2B2MfVBkhLMLfvDEKLq5/Y5nJf4LENaIKeN8pdm/B";
  isNull = maybeKey == null;
  toStringNull = toString null;
  interpolated = "[${toString null}]";
}
