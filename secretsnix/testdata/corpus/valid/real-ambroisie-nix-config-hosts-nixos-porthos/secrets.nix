# Wrapper: the real rules file is hosts/nixos/porthos/secrets/secrets.nix (it reads files above its own directory).
import ./hosts/nixos/porthos/secrets/secrets.nix
