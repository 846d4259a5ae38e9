# Wrapper: the real rules file is modules/nixos/services/wireguard/keys/secrets.nix (it reads files above its own directory).
import ./modules/nixos/services/wireguard/keys/secrets.nix
