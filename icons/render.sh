#!/usr/bin/env bash
# Renders icons/cowscope.svg to icons/cowscope-<N>.png at every size the app and the packages use.
# Reproducible: the same librsvg gives the same bytes. Installs Debian's librsvg2-bin when missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v rsvg-convert >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q librsvg2-bin >/dev/null
  else
    echo "render.sh: rsvg-convert is missing (Debian: apt-get install librsvg2-bin)" >&2
    exit 1
  fi
fi
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --format png cowscope.svg --output "cowscope-$size.png"
done
echo "rendered: $(ls cowscope-*.png | tr '\n' ' ')"
