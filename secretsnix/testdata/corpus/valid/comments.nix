# Line comment at the top.
/* Block comment
   spanning lines, with "quotes" and ${not interpolation} and # hash */
let
  alice = /* inline */ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkEtHtCxL6zdPmC0RIrPSl1p1w9bcbKrevgicxrDCf/"; # trailing
  #commented = "out";
  /**/ x = 1;
  /* ** stars ** */ y = 2; /***/
in
{
  "commented.age".publicKeys = [
    alice # the only operator
    # web1 is decommissioned
    /* "ssh-ed25519 AAAA..." */
  ];
  sum = x /* between */ + y;
  url = "http://example.org/#anchor"; # a # inside a string is not a comment
}
# trailing comment without newline at end of file