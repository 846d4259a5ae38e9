{
  key = host + nope;
}
