#!/bin/bash
# Builds the oracle initramfs with CowScope in it: BASE.cpio.gz (the oracle's, from
# ../shared/oracle/build-initramfs.sh) + one appended cpio holding a jlink'ed Java 17 runtime,
# CowScope's classes and the jars its CLI needs (no JavaFX), and the shared libraries the JVM
# needs that the base lacks.
# usage: build-guest.sh BASE.cpio.gz OUT.cpio.gz WORKDIR   (run from the repository root after
#        mvn -B -o -q package -DskipTests)
set -euo pipefail
BASE=$1; OUT=$2; WD=$3
JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
M2=${M2:-$HOME/.m2/repository}
JAR=target/cowscope-0.1.0-SNAPSHOT.jar          # the project's own classes (the shaded jar has JavaFX too)
[ -s "$JAR" ] || { echo "no $JAR: run mvn -B -o -q package -DskipTests first" >&2; exit 1; }
ST=$WD/stage; rm -rf "$ST"; mkdir -p "$ST/opt/cowscope/lib" "$ST/tmp"
# the CLI's jars: jackson (JSON), picocli, JNA (ioctl); versions from the pom's resolved class path
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$WD/cp.txt" >/dev/null
cp "$JAR" "$ST/opt/cowscope/lib/cowscope.jar"
for a in jackson-databind jackson-annotations jackson-core picocli jna; do
  j=$(tr ':' '\n' < "$WD/cp.txt" | grep -E "/$a-[0-9][^/]*\.jar$" | head -1)
  [ -n "$j" ] || { echo "no $a jar on the class path" >&2; exit 1; }
  cp "$j" "$ST/opt/cowscope/lib/"
done
# CLI verbs need java.base, java.logging (Main), jdk.unsupported (JNA); not java.desktop (JavaFX only)
rm -rf "$WD/jre"
"$JDK/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported --strip-debug --no-man-pages \
  --no-header-files --compress=2 --output "$WD/jre"
"$WD/jre/bin/java" -Xshare:dump -XX:SharedArchiveFile="$WD/jre/lib/server/classes.jsa" >/dev/null   # CDS: faster start under TCG
cp -a "$WD/jre" "$ST/opt/cowscope/jre"
# libraries of the launcher and the JVM (libz, libstdc++, libgcc_s are not in the oracle's initramfs)
for f in "$WD/jre/bin/java" $(find "$WD/jre/lib" -name '*.so'); do
  LD_LIBRARY_PATH="$WD/jre/lib:$WD/jre/lib/server" ldd "$f" | awk '/=> \// {print $3}'
done | sort -u | grep -v "^$WD/" | while read -r lib; do
  mkdir -p "$ST/$(dirname "$lib")"; cp -L "$lib" "$ST/$lib"
done
(cd "$ST" && find . | sort | cpio -o -H newc --quiet | gzip -6) > "$WD/cowscope.cpio.gz"
cat "$BASE" "$WD/cowscope.cpio.gz" > "$OUT"
ls -l "$OUT"; (cd "$ST" && find . -name '*.so*' -path './lib*' | sort)
