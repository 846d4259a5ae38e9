# Wrapper: the real rules file is secrets/secrets.nix (it reads files above its own directory).
import ./secrets/secrets.nix
