#!/usr/bin/env bash
# Builds the Linux packages into target/jpackage/ from the shaded jar (target/cowscope.jar):
#   runtime/        a jlink-trimmed Java runtime (the JDK modules the app uses; JavaFX and its
#                   Linux natives come inside the shaded jar, on the class path)
#   cowscope/       the jpackage app image (bin/cowscope, lib/app/cowscope.jar, lib/runtime)
#   cowscope_<v>-1_amd64.deb   installs /opt/cowscope, the menu entry and /usr/bin/cowscope
#   cowscope-<v>-1.x86_64.rpm  only where rpmbuild exists
# Run by `mvn -Ppackage -DskipTests package`; by hand: packaging/linux/package.sh [VERSION].
# Tools: a JDK 17+ with jmods (jlink, jpackage), dpkg-deb, fakeroot, objcopy (packaging/linux/prereqs.sh).
# The command line is run with a few verbs, and with Xvfb present the app is started once, hidden on
# a virtual display, to list the classes they load (up to the window's first frame); the archive
# made from that list (class-data sharing) is made for the app image here and, for the .deb, by
# its postinst at the installed path.
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

# COWSCOPE_CDS: auto (default: the command line always, the window when Xvfb exists), off, or
# required (CI: a packaged app that cannot show its window is a failure)
cds=${COWSCOPE_CDS:-auto}
if [ "$cds" = required ] && ! command -v Xvfb >/dev/null; then
  fail "COWSCOPE_CDS=required but Xvfb is missing"
fi
jsa_cmd() {  # the static AppCDS dump, at the path the launcher will use (JDK 17 archives do not relocate)
  "$1/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$1/lib/app/cowscope.classlist" \
    -XX:SharedArchiveFile="$1/lib/app/cowscope.jsa" -cp "$1/lib/app/cowscope.jar"
}
# the archive covers the command line and the window: every run below lists the classes it loads
# (-XX:DumpLoadedClassList), the lists are merged, and one static archive is made from them.
# The command line needs no display, so its part is trained everywhere; the window's needs Xvfb.
cli_training=(
  "--version" "--help"                                   # --help builds every verb's model
  "inspect --sample" "inspect --sample --json" "inspect --sample --areas"
  "exceptions --sample --csv" "exceptions --sample --sorted --json" "exceptions --sample --at header"
  "size --chunk-size 4K --changed-chunks 1000" "size --cow-size 8M"
  "merge plan --help" "view --help" "align --help"
)
train_cli() {  # $1: the app image; lists land in $out/classlists/
  local i=0 run
  for run in "${cli_training[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086 # a run is words
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$out/classlists/cli-$i.classlist" \
      timeout 60 "$1/bin/cowscope" $run >/dev/null 2>>"$out/cds-training.log" || true  # a usage error lists classes too
  done
}
if [ "$cds" != off ]; then
  mkdir -p "$out/classlists"
  : >"$out/cds-training.log"
  echo "package.sh: listing the classes the command line loads (${#cli_training[@]} runs), for class-data sharing"
  train_cli "$image"
  window=no
  if command -v Xvfb >/dev/null; then
    echo "package.sh: listing the classes loaded up to the first frame (Xvfb), for class-data sharing"
    display=:$((90 + RANDOM % 60))
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    trap 'kill "$xvfb" 2>/dev/null || true' EXIT
    sleep 1
    prefs=$(mktemp -d)
    if DISPLAY=$display JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$out/classlists/window.classlist -Dcowscope.exitAfterShown=true -Djava.util.prefs.userRoot=$prefs" \
        timeout 120 "$image/bin/cowscope" >>"$out/cds-training.log" 2>&1 && [ -s "$out/classlists/window.classlist" ]; then
      window=yes
    fi
    rm -rf "$prefs"
    kill "$xvfb" 2>/dev/null || true
    trap - EXIT
  fi
  if [ "$window" = no ] && [ "$cds" = required ]; then
    cat "$out/cds-training.log" >&2; fail "the packaged app did not show its window (CDS training)"
  fi
  # one list, each line once, in first-seen order (JDK 17 lists carry no ids: plain concatenation is valid)
  awk '!/^#/ && !seen[$0]++' "$out"/classlists/*.classlist >"$image/lib/app/cowscope.classlist" 2>/dev/null || true
  if [ -s "$image/lib/app/cowscope.classlist" ] && jsa_cmd "$image" >>"$out/cds-training.log" 2>&1; then
    # the launcher reads lib/app/cowscope.cfg ($APPDIR = lib/app). The archive is made here for
    # the app image and again by the .deb's postinst at /opt/cowscope; a missing one is ignored.
    # ArchiveRelocationMode=0 maps the archive where it was dumped instead of relocating it on
    # every start (JDK 17's default, ~0.1 s here); if that address is taken the JVM relocates.
    sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:SharedArchiveFile=$APPDIR/cowscope.jsa\njava-options=-Xshare:auto\njava-options=-XX:+UnlockDiagnosticVMOptions\njava-options=-XX:ArchiveRelocationMode=0|' \
      "$image/lib/app/cowscope.cfg"
    grep -q 'SharedArchiveFile' "$image/lib/app/cowscope.cfg" || fail "could not add the CDS archive to cowscope.cfg"
    echo "package.sh: class-data sharing: $(wc -l <"$image/lib/app/cowscope.classlist") classes (window: $window)"
  else
    [ "$cds" = required ] && { cat "$out/cds-training.log" >&2; fail "the CDS archive could not be made"; }
    echo "package.sh: CDS training failed (see $out/cds-training.log); packaging without the archive"
    rm -f "$image/lib/app/cowscope.jsa" "$image/lib/app/cowscope.classlist"
  fi
else
  echo "package.sh: no class-data-sharing archive (COWSCOPE_CDS=off)"
fi

# bin/cowscope as a shell script: jpackage 17's native launcher asks `rpm -qf` and `dpkg -S` which
# package owns it, twice, on every start, before the JVM starts (~0.4-0.7 s on the 2-core build
# machine: dpkg -S reads the whole package database), which is most of `cowscope --version`. The
# script starts the same runtime with the same options (lib/app/cowscope.cfg's java-options) and
# the same properties the native launcher sets.
write_launcher() {  # $1: the app image
  local cfg=$1/lib/app/cowscope.cfg options="" option
  while IFS= read -r option; do
    options="$options \"${option//\$APPDIR/\$app}\""
  done < <(sed -n 's/^java-options=//p' "$cfg")
  cat >"$1/bin/cowscope" <<LAUNCHER
#!/bin/sh
# CowScope's command (made by packaging/linux/package.sh from lib/app/cowscope.cfg): the window with
# no arguments or 'gui [FILE]', else the command line. /usr/bin/cowscope links here.
self=\$(readlink -f "\$0")
home=\${self%/bin/*}
app=\$home/lib/app
# Transparent huge pages where the kernel offers them: a big COW's tables are fresh heap, and touching it
# 4 KiB page by page cost up to a second of a 16 M-exception listing. The command line (not the window,
# which keeps G1's short pauses) uses the parallel collector: one-shot runs finish sooner with it.
vm=
read -r thp 2>/dev/null </sys/kernel/mm/transparent_hugepage/enabled || thp=
case \$thp in *"[always]"*|*"[madvise]"*) vm=-XX:+UseTransparentHugePages ;; esac
case \${1-gui} in gui) ;; *) vm="\$vm -XX:+UseParallelGC" ;; esac
exec "\$home/lib/runtime/bin/java"$options \$vm "-Djpackage.app-path=\$self" -cp "\$app/cowscope.jar" dev.cowscope.Main "\$@"
LAUNCHER
  chmod 755 "$1/bin/cowscope"
}
write_launcher "$image"
"$image/bin/cowscope" --version >/dev/null || fail "the launcher script does not start the app"

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
