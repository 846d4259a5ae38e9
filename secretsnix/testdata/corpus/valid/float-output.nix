# nix-instantiate --json prints floats with 6 significant digits (%g).
{
  tenth = 0.1;
  many = 1.23456789;
  big = 123456.7;
  bigger = 1234567.8;
  small = 0.0001;
  smaller = 0.00001;
  third = 1 / 3.0;
  twoThirds = 2.0 / 3;
  sum = 0.1 + 0.2;
  whole = 4.0;
  negative = 0 - 2.5;
  huge = 1.0e21;
  product = 1.5 * 1.5;
  comparison = 0.1 + 0.2 == 0.3;
}
