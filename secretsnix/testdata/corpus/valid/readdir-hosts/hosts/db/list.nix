# The listing of the directory this file is in.
builtins.readDir (toString ./.)
