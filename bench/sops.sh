#!/usr/bin/env bash
# sops benchmark: 500 sops files (YAML, made once by `sops -e`, copied: sops
# binds no file to its path), one host added to their creation rule; times
# `nfrekey rekey` against a loop of `sops updatekeys -y FILE` and against one
# `sops updatekeys -y` over all files, on fresh copies, in one hyperfine run.
# Also the start-up of `nfrekey version`, an agenix-only audit, and
# `sops --version`.
#
#   bench/sops.sh [N]          (N files, default 500)
#
# Needs: go, hyperfine, sops (3.13.3), age-keygen, ssh-keygen.
set -euo pipefail
n=${1:-500}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out-sops
rm -rf "$out"; mkdir -p "$out/base/secrets"
cd "$root"
go build -o "$out/nfrekey" ./cmd/nfrekey
nfrekey=$out/nfrekey
export SOPS_DISABLE_VERSION_CHECK=1

age-keygen -o "$out/admin.txt" 2>/dev/null
admin=$(age-keygen -y "$out/admin.txt")
ssh-keygen -q -t ed25519 -N '' -C newhost -f "$out/newhost"
cat > "$out/base/.sops.yaml" <<CONF
keys:
  - &admin $admin
creation_rules:
  - path_regex: ^secrets/
    key_groups:
      - age:
          - *admin
CONF
printf 'password: hunter2\nport: 5432\ntoken: %s\n' "$(head -c 24 /dev/urandom | base64)" > "$out/base/secrets/s0.yaml"
(cd "$out/base" && SOPS_AGE_KEY_FILE=$out/admin.txt sops -e -i secrets/s0.yaml)
for i in $(seq 1 $((n - 1))); do cp "$out/base/secrets/s0.yaml" "$out/base/secrets/s$i.yaml"; done
# The add-host edit alone (no rekey), so every run starts from n stale files.
(cd "$out/base" && "$nfrekey" add-host newhost --pubkey "$out/newhost.pub" --group '^secrets/' --no-rekey >/dev/null)
"$nfrekey" --repo "$out/base" audit >/dev/null && { echo "expected stale files"; exit 1; } || true

reset="rm -rf $out/work && cp -a $out/base $out/work"
export SOPS_AGE_KEY_FILE=$out/admin.txt
hyperfine --style basic --runs 5 --export-markdown "$out/rekey.md" \
  --prepare "$reset" \
  -n "nfrekey rekey ($n files)" "$nfrekey --repo $out/work rekey -q -i $out/admin.txt" \
  -n "loop of sops updatekeys -y FILE" "cd $out/work && for f in secrets/*.yaml; do sops updatekeys -y \$f 2>/dev/null; done" \
  -n "sops updatekeys -y (all files, one call)" "cd $out/work && sops updatekeys -y secrets/*.yaml 2>/dev/null" >/dev/null
cat "$out/rekey.md"; echo
# Each variant must leave the repo in sync.
for v in "$nfrekey --repo $out/work rekey -q -i $out/admin.txt" \
         "cd $out/work && for f in secrets/*.yaml; do sops updatekeys -y \$f 2>/dev/null; done" \
         "cd $out/work && sops updatekeys -y secrets/*.yaml 2>/dev/null"; do
  eval "$reset"; (eval "$v"); "$nfrekey" --repo "$out/work" audit -q || { echo "not in sync after: $v"; exit 1; }
done

# Start-up: an agenix-only repo for the audit.
mkdir -p "$out/agenix"
printf '{ }\n' > "$out/agenix/secrets.nix"
hyperfine --style basic -N --warmup 3 --runs 30 --export-markdown "$out/startup.md" \
  "$nfrekey version" "$nfrekey --repo $out/agenix audit" "sops --version" >/dev/null
cat "$out/startup.md"
