let
  keys = import ./keys;
in
{
  "deploy-key.age".publicKeys = keys.operators ++ [ keys.deploy ];
}
