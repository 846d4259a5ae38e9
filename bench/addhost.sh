#!/usr/bin/env bash
# add-host on a 200-secret x 10-recipient fleet, next to the same change
# made by hand (sed on secrets.nix) followed by `nfrekey rekey`: the
# difference is what the edit and its verification cost. Prints
# hyperfine's markdown table; the figures go into docs/benchmarks.md.
#
#   bench/addhost.sh [SECRETS] [RECIPIENTS]
#
# Needs: go, hyperfine, ssh-keygen.
set -euo pipefail
secrets=${1:-200}
recips=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out/addhost
rm -rf "$out"; mkdir -p "$out"
cd "$root"
go build -o "$out/nfrekey" ./cmd/nfrekey
go build -o "$out/genfleet" ./fixtures/cmd/genfleet
"$out/genfleet" -dir "$out/base" -secrets "$secrets" -recipients "$recips" -seed addhost >/dev/null
ssh-keygen -q -t ed25519 -N '' -C newhost -f "$out/newhost"
key=$(cut -d' ' -f1,2 "$out/newhost.pub")
n=$out/nfrekey
# The hand edit, as a script: hyperfine runs it without a shell's quoting.
cat > "$out/byhand.sh" <<SH
#!/bin/sh
set -e
sed -i 's|^  operators = \[ operator \];|  newhost = "$key";\n  operators = [ operator newhost ];|' run/secrets.nix
exec "$n" --repo run -i run/keys/operator rekey
SH
chmod +x "$out/byhand.sh"
cd "$out"
hyperfine -N --warmup 1 --runs 10 --export-markdown "$out/result.md" \
  --prepare "sh -c 'rm -rf run && cp -a base run'" \
  -n "nfrekey add-host (edit + verify + rekey)" \
  "$n --repo run -i run/keys/operator add-host newhost --key '$key' --group operators" \
  -n "sed edit + nfrekey rekey" \
  "$out/byhand.sh" \
  -n "nfrekey add-host --dry-run --no-rekey (edit + verify only)" \
  "$n --repo run add-host newhost --key '$key' --group operators --dry-run --no-rekey"
cat "$out/result.md"
