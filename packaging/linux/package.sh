#!/usr/bin/env bash
# Builds the Linux packages into target/jpackage/ from the shaded jar (target/cowscope.jar):
#   runtime/        a jlink-trimmed Java runtime (the JDK modules the app uses; JavaFX and its
#                   Linux natives come inside the shaded jar, on the class path)
#   cowscope/       the jpackage app image (bin/cowscope, lib/app/cowscope.jar, lib/runtime)
#   cowscope_<v>-1_amd64.deb   installs /opt/cowscope, the menu entry and /usr/bin/cowscope
#   cowscope-<v>-1.x86_64.rpm  only where rpmbuild exists
# Run by `mvn -Ppackage -DskipTests package`; by hand: packaging/linux/package.sh [VERSION].
# Tools: a JDK 17+ with jmods (jlink, jpackage), dpkg-deb, fakeroot, objcopy (packaging/linux/prereqs.sh).
# With Xvfb present the app is started once, hidden on a virtual display, to list the classes it
# loads up to its first frame; the archive made from that list (class-data sharing) is made for
# the app image here and, for the .deb, by its postinst at the installed path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=${1:-0.1.0}
version=${version%%-*}                     # 0.1.0-SNAPSHOT → 0.1.0 (deb/rpm want plain numbers)
jdk=${JPACKAGE_JDK:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}}
# from `jdeps --print-module-deps --ignore-missing-deps target/cowscope.jar`, plus java.management
# (the startup probe's RuntimeMXBean)
modules=${COWSCOPE_MODULES:-java.base,java.desktop,java.logging,java.management,java.prefs,java.sql,java.xml,jdk.jfr,jdk.unsupported,jdk.unsupported.desktop}
out=$root/target/jpackage
jar=$root/target/cowscope.jar

fail() { echo "package.sh: $*" >&2; exit 1; }
[ -f "$jar" ] || fail "$jar is missing: build it first (mvn -DskipTests package)"
for tool in jlink jpackage; do
  [ -x "$jdk/bin/$tool" ] || fail "$jdk/bin/$tool is missing (set JPACKAGE_JDK to a JDK 17+)"
done
[ -d "$jdk/jmods" ] || fail "$jdk/jmods is missing: jlink needs the JDK's jmods"
for tool in dpkg-deb fakeroot objcopy; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run packaging/linux/prereqs.sh"
done

rm -rf "$out"
mkdir -p "$out/input"
cp "$jar" "$out/input/cowscope.jar"

echo "package.sh: jlink ($modules)"
"$jdk/bin/jlink" --add-modules "$modules" --output "$out/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive

echo "package.sh: app image"
"$jdk/bin/jpackage" --type app-image @"$here/jpackage.options" --app-version "$version" \
  --input "$out/input" --main-jar cowscope.jar --main-class dev.cowscope.Main \
  --runtime-image "$out/runtime" --icon "$root/icons/cowscope-256.png" --dest "$out"
image=$out/cowscope

# COWSCOPE_CDS: auto (default: train when Xvfb exists), off, or required (CI: a packaged app that
# cannot show its window is a failure)
cds=${COWSCOPE_CDS:-auto}
if [ "$cds" = required ] && ! command -v Xvfb >/dev/null; then
  fail "COWSCOPE_CDS=required but Xvfb is missing"
fi
jsa_cmd() {  # the static AppCDS dump, at the path the launcher will use (JDK 17 archives do not relocate)
  "$1/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$1/lib/app/cowscope.classlist" \
    -XX:SharedArchiveFile="$1/lib/app/cowscope.jsa" -cp "$1/lib/app/cowscope.jar"
}
if [ "$cds" != off ] && command -v Xvfb >/dev/null; then
  echo "package.sh: listing the classes loaded up to the first frame (Xvfb), for class-data sharing"
  display=:$((90 + RANDOM % 60))
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill "$xvfb" 2>/dev/null || true' EXIT
  sleep 1
  prefs=$(mktemp -d)
  if DISPLAY=$display JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$image/lib/app/cowscope.classlist -Dcowscope.exitAfterShown=true -Djava.util.prefs.userRoot=$prefs" \
      timeout 120 "$image/bin/cowscope" >"$out/cds-training.log" 2>&1 && [ -s "$image/lib/app/cowscope.classlist" ] \
      && jsa_cmd "$image" >>"$out/cds-training.log" 2>&1; then
    # the launcher reads lib/app/cowscope.cfg ($APPDIR = lib/app). The archive is made here for
    # the app image and again by the .deb's postinst at /opt/cowscope; a missing one is ignored.
    sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:SharedArchiveFile=$APPDIR/cowscope.jsa\njava-options=-Xshare:auto|' \
      "$image/lib/app/cowscope.cfg"
    grep -q 'SharedArchiveFile' "$image/lib/app/cowscope.cfg" || fail "could not add the CDS archive to cowscope.cfg"
  else
    [ "$cds" = required ] && { cat "$out/cds-training.log" >&2; fail "the packaged app did not show its window (CDS training)"; }
    echo "package.sh: CDS training failed (see $out/cds-training.log); packaging without the archive"
    rm -f "$image/lib/app/cowscope.jsa" "$image/lib/app/cowscope.classlist"
  fi
  rm -rf "$prefs"
  kill "$xvfb" 2>/dev/null || true
  trap - EXIT
else
  echo "package.sh: no class-data-sharing archive (Xvfb missing or COWSCOPE_CDS=off)"
fi

# the packages carry the class list, not the archive (made by postinst where it will be used)
if [ -f "$image/lib/app/cowscope.jsa" ]; then
  mv "$image/lib/app/cowscope.jsa" "$out/cowscope.jsa"
fi

linux=(--resource-dir "$here" --icon "$root/icons/cowscope-256.png" --linux-shortcut
       --linux-menu-group "System;Filesystem;" --linux-app-category utils)

echo "package.sh: deb"
"$jdk/bin/jpackage" --type deb --app-image "$image" @"$here/jpackage.options" --app-version "$version" \
  --linux-package-name cowscope --linux-deb-maintainer "cowscope@localhost" "${linux[@]}" \
  --linux-package-deps "libgtk-3-0, libgl1, libxxf86vm1" --dest "$out"

if command -v rpmbuild >/dev/null; then
  echo "package.sh: rpm"
  "$jdk/bin/jpackage" --type rpm --app-image "$image" @"$here/jpackage.options" --app-version "$version" \
    --linux-package-name cowscope --linux-rpm-license-type "ASL 2.0" "${linux[@]}" \
    --linux-package-deps "gtk3, mesa-libGL, libXxf86vm" --dest "$out"
else
  echo "package.sh: rpm skipped: rpmbuild is not installed"
fi

if [ -f "$out/cowscope.jsa" ]; then
  mv "$out/cowscope.jsa" "$image/lib/app/cowscope.jsa"
fi
ls -l "$out"/*.deb "$out"/*.rpm 2>/dev/null || true
du -sh "$image" "$out/runtime"
