#!/usr/bin/env bash
# Wall time of the command line's start, paired: each round runs every command once, in turn, so a
# busy moment of the machine falls on all of them alike; prints each command's median and minimum.
#   packaging/linux/cli-startup.sh [ROUNDS] [COW]     (default 9 rounds; COW: a small image, else --sample)
# Commands: java -jar target/cowscope.jar and the app image's bin/cowscope (when built), each with
# --version and inspect. Run `uptime` beside it: on 2 shared cores the load moves every figure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-9}
cow=${2:+"$2"}
input=${cow:---sample}
labels=("jar --version" "jar inspect")
cmds=("java -jar $root/target/cowscope.jar --version" "java -jar $root/target/cowscope.jar inspect $input")
image=$root/target/jpackage/cowscope/bin/cowscope
if [ -x "$image" ]; then
  labels+=("packaged --version" "packaged inspect")
  cmds+=("$image --version" "$image inspect $input")
fi
declare -a times
for _ in $(seq "$rounds"); do
  for i in "${!cmds[@]}"; do
    start=$(date +%s%N)
    ${cmds[$i]} >/dev/null 2>&1 || true   # inspect exits 1 when the COW has findings
    times[$i]="${times[$i]:-} $(( ($(date +%s%N) - start) / 1000000 ))"
  done
done
for i in "${!cmds[@]}"; do
  sorted=$(tr ' ' '\n' <<<"${times[$i]}" | sed '/^$/d' | sort -n)
  median=$(awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}' <<<"$sorted")
  printf '%-20s median %5s ms   min %5s ms   all:%s\n' "${labels[$i]}" "$median" "$(head -1 <<<"$sorted")" "${times[$i]}"
done
