#!/usr/bin/env bash
# Benchmark harness: generates fleets with fixtures/cmd/genfleet and times
# nfrekey against a loop doing what `agenix -r` does per file (one
# nix-instantiate evaluation for the recipients, `age -d` to a temp file,
# `age -e`), on the same fleets in the same run. Prints markdown tables;
# the figures go into docs/benchmarks.md by hand, with the machine.
#
#   bench/run.sh [quick|full]     (quick: smaller agenix loops, extrapolated per file)
#
# Needs: go, hyperfine, age, nix-instantiate (Debian: hyperfine age nix-bin).
set -euo pipefail
mode=${1:-quick}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out
rm -rf "$out"; mkdir -p "$out"
cd "$root"
go build -o "$out/nfrekey" ./cmd/nfrekey
go build -o "$out/genfleet" ./fixtures/cmd/genfleet
nfrekey=$out/nfrekey

# gen NAME SECRETS RECIPIENTS: a fleet, plus a rules edit adding one host to
# every secret (the add-host case), kept as NAME/base to copy per run.
gen() {
  local dir=$out/$1
  "$out/genfleet" -dir "$dir/base" -secrets "$2" -recipients "$3" -seed "$1" >/dev/null
  ssh-keygen -q -t ed25519 -N '' -C newhost -f "$dir/newhost"
  local key; key=$(cut -d' ' -f1,2 "$dir/newhost.pub")
  sed -i "s|^  operators = \[ operator \];|  newhost = \"$key\";\n  operators = [ operator newhost ];|" "$dir/base/secrets.nix"
}

# agenix_loop DIR: what agenix -r does, file by file.
agenix_loop() {
  local dir=$1 tmp; tmp=$(mktemp -d)
  cd "$dir"
  for f in secrets/*.age; do
    nix-instantiate --eval --strict --json -E "(import ./secrets.nix).\"$f\".publicKeys" \
      | sed 's/^\[//; s/\]$//; s/","/"\n"/g; s/"//g' > "$tmp/recipients"
    age -d -i keys/operator -o "$tmp/plain" "$f"
    age -e -R "$tmp/recipients" -o "$f.tmp" "$tmp/plain"
    mv "$f.tmp" "$f"
    rm -f "$tmp/plain"
  done
  cd - >/dev/null
  rm -rf "$tmp"
}
export -f agenix_loop

hf() { hyperfine --style basic --export-markdown "$out/$1.md" "${@:2}" >/dev/null; cat "$out/$1.md"; echo; }

echo "## $(date -u +%F) on $(nproc) cores, $(go version | cut -d' ' -f3)"
echo
for spec in 200x10 2000x20; do
  s=${spec%x*}; r=${spec#*x}
  gen "f$spec" "$s" "$r"
  d=$out/f$spec
  echo "### rekey of $s secrets x $r recipients, +1 recipient each"
  hf "rekey-$spec" --runs 5 --prepare "rm -rf $d/work && cp -a $d/base $d/work" \
    "$nfrekey --repo $d/work -i $d/base/keys/operator -q rekey"
  hf "rekey-rotate-$spec" --runs 3 --prepare "rm -rf $d/work && cp -a $d/base $d/work" \
    "$nfrekey --repo $d/work -i $d/base/keys/operator -q rekey --force"
  n=$s
  if [ "$mode" = quick ] && [ "$s" -gt 200 ]; then n=200; fi
  # the agenix loop on the first n files only in quick mode (per-file cost is flat)
  rm -rf "$d/loop" && cp -a "$d/base" "$d/loop"
  if [ "$n" -lt "$s" ]; then
    find "$d/loop/secrets" -name '*.age' | sort | tail -n +$((n + 1)) | xargs rm -f
  fi
  hf "agenix-loop-$spec" --shell=bash --runs 1 --prepare "rm -rf $d/loopw && cp -a $d/loop $d/loopw" \
    "agenix_loop $d/loopw"
  echo "(agenix loop over $n of $s files)"
  echo
done

gen f10000x3 10000 3
d=$out/f10000x3
"$nfrekey" --repo "$d/base" -i "$d/base/keys/operator" -q rekey >/dev/null
echo "### audit and no-op rekey of 10,000 files"
hf audit-10k --warmup 1 --runs 10 "$nfrekey --repo $d/base -q audit"
hf noop-10k --warmup 1 --runs 10 "$nfrekey --repo $d/base -i $d/base/keys/operator -q rekey"
