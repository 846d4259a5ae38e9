let
  mk = { keys, armor ? false, keys }: { publicKeys = keys; };
in
mk { keys = [ ]; }
