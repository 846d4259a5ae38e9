# Wrapper: the real rules file is secrets/secrets.nix (it reads its own directory with readDir,
# which here would also list the golden).
import ./secrets/secrets.nix
