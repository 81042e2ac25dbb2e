#!/usr/bin/env bash
# Installs what packaging/linux/package.sh and the desktop-file check need, from Debian's
# packages. Needed: fakeroot and dpkg-deb (jpackage --type deb), objcopy (jlink),
# desktop-file-validate. Wanted: Xvfb and GTK 3 (the class-data-sharing training run, which
# also starts the packaged window once). Installs with apt-get when run as root.
# Exit 0 when the needed tools are there afterwards, 1 (with the reason on stderr) when not.
set -uo pipefail
missing() {
  local m=()
  command -v fakeroot >/dev/null || m+=(fakeroot)
  command -v dpkg-deb >/dev/null || m+=(dpkg)
  command -v objcopy >/dev/null || m+=(binutils)
  command -v desktop-file-validate >/dev/null || m+=(desktop-file-utils)
  if [ "${1:-}" = all ]; then
    command -v Xvfb >/dev/null || m+=(xvfb)
    ldconfig -p 2>/dev/null | grep -q 'libgtk-3.so.0' || m+=(libgtk-3-0)
  fi
  echo "${m[*]}"
}
want=$(missing all)
if [ -n "$want" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "prereqs.sh: installing $want"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    { apt-get update -q && apt-get install -y -q --no-install-recommends $want; } >/dev/null 2>&1 \
      || echo "prereqs.sh: apt-get could not install all of: $want" >&2
  else
    echo "prereqs.sh: cannot install $want (needs root and apt-get)" >&2
  fi
fi
need=$(missing)
if [ -n "$need" ]; then
  echo "prereqs.sh: missing $need" >&2
  exit 1
fi
command -v Xvfb >/dev/null || echo "prereqs.sh: no Xvfb: packages will have no class-data-sharing archive" >&2
exit 0
