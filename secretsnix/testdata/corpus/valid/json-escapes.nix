# Literal control and non-ASCII bytes in strings, escaped by the JSON printer.
{
  control = "bell esc del";
  tab = "a	b";
  utf8 = "é✓🔑";
  json = "{\"a\": [1, 2]}";
  backslashes = "C:\\Users\\alice";
}
