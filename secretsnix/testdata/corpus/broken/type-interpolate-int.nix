let
  index = 3;
in
{
  "backup-${index}.age".publicKeys = [ ];
}
