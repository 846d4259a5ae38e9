# Wrapper: the real rules file is hosts/nixos/aramis/secrets/secrets.nix (it reads files above its own directory).
import ./hosts/nixos/aramis/secrets/secrets.nix
