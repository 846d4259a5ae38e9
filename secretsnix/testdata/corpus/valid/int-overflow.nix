# Nix 2.8 integers are 64-bit and wrap around silently.
{
  max = 9223372036854775807;
  wrapped = 9223372036854775807 + 1;
  min = -9223372036854775807 - 1;
  mulWrap = 4611686018427387904 * 2;
  negMin = 0 - (-9223372036854775807 - 1);
}
