# Wrapper: the real rules file is modules/home/secrets/secrets.nix (it reads files above its own directory).
import ./modules/home/secrets/secrets.nix
