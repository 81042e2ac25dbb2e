#!/usr/bin/env bash
# Startup to a visible window, median of N runs, under a private Xvfb display:
#   packaging/linux/startup.sh jar  [N]   java -jar target/cowscope.jar
#   packaging/linux/startup.sh image [N]  target/jpackage/cowscope/bin/cowscope (the packaged launcher)
#   packaging/linux/startup.sh installed [N]   /opt/cowscope/bin/cowscope (after installing the .deb)
# Each run writes the app's own figures (-Dcowscope.startupReport, see StartupProbe) and quits at
# its first frame; this prints every run and the medians, launch_to_first_frame_ms being from
# the moment this script starts the command (launcher and JVM start-up included).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
what=${1:-jar}
runs=${2:-5}
case "$what" in
  jar) cmd=(java -jar "$root/target/cowscope.jar") ;;
  image) cmd=("$root/target/jpackage/cowscope/bin/cowscope") ;;
  installed) cmd=(/opt/cowscope/bin/cowscope) ;;
  *) echo "usage: $0 jar|image|installed [runs]" >&2; exit 2 ;;
esac
command -v Xvfb >/dev/null || { echo "startup.sh: needs Xvfb (apt-get install xvfb libgtk-3-0)" >&2; exit 1; }
display=:$((150 + RANDOM % 50))
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
tmp=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$tmp"' EXIT
sleep 1
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  DISPLAY=$display JAVA_TOOL_OPTIONS="-Dcowscope.startupReport=$tmp/run$i -Dcowscope.exitAfterShown=true -Djava.util.prefs.userRoot=$tmp/prefs" \
    "${cmd[@]}" >/dev/null 2>"$tmp/err$i" || { cat "$tmp/err$i" >&2; exit 1; }
  end=$(date +%s%N)
  # from this script's launch of the command to the window's first frame (the app's own clock)
  frame=$(sed -n 's/^first_frame_epoch_ms=//p' "$tmp/run$i")
  echo "launch_to_first_frame_ms=$(( frame - start / 1000000 ))" >> "$tmp/run$i"
  echo "run $i: $(grep -v epoch "$tmp/run$i" | tr '\n' ' ')wall_until_exit_ms=$(( (end - start) / 1000000 ))"
done
for key in jvm_start_to_first_frame_ms launch_to_first_frame_ms; do
  median=$(cat "$tmp"/run* | sed -n "s/^$key=//p" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "median $key=$median"
done
