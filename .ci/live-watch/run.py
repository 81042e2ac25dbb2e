#!/usr/bin/env python3
"""Live check of `cowscope watch` against a real kernel: the oracle VM (../shared/oracle, QEMU TCG).

One boot. In the guest, for a persistent snapshot `snap` (chunk 8, 1 MiB COW) first with P, then with PO:
the oracle's `fillpoll` (dmsetup status every 100 ms -> fill-status.log) and `cowscope watch snap
--interval 200ms --json --record watch.log` run side by side while one new 4 KiB chunk is written every
600 ms until the snapshot is lost, and 8 writes more. Also: `watch /dev/mapper/snap --count 3`,
`watch /dev/dm-0 --count 1 --json` (sysfs path), `watch nosuchdev` and `watch snap` once it is lost; and a
`resolve` case: a linear device, a snapshot-origin (as an LVM origin) and a /dev/VG/LV link.
On the host it compares watch's record with the poller's log and runs `fill-log` on the record.

usage (repository root, root, after `mvn -B -o -q package -DskipTests`):
  .ci/live-watch/run.py --cache CACHE --work WORKDIR [--oracle ../shared/oracle] [--evidence DIR]
CACHE holds initramfs-6.1.0-56-amd64.cpio.gz and kernel/boot/vmlinuz-6.1.0-56-amd64 (an oracle cache).
"""
import argparse, importlib.util, json, os, shutil, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--oracle", default="../shared/oracle")
ap.add_argument("--cache", required=True)
ap.add_argument("--work", required=True)
ap.add_argument("--kver", default="6.1.0-56-amd64")
ap.add_argument("--evidence", default=None, help="copy the evidence here (e.g. src/test/resources/live-watch)")
ap.add_argument("--no-build", action="store_true", help="reuse WORKDIR/initramfs-cowscope.cpio.gz")
ap.add_argument("--writes", type=int, default=262, help="new-chunk writes per case (254 fit a 1 MiB COW)")
ap.add_argument("--period-ms", type=int, default=600,
                help="one new chunk every PERIOD ms: slower than the poller gets under TCG on a loaded host, so it sees every status")
ap.add_argument("--cases", default="p po resolve", help="which cases to run, of: p po resolve")
ap.add_argument("--print-script", action="store_true", help="print the guest script and stop")
a = ap.parse_args()

spec = importlib.util.spec_from_file_location("oracle", os.path.join(a.oracle, "oracle.py"))
oracle = importlib.util.module_from_spec(spec); spec.loader.exec_module(oracle)
os.makedirs(a.work, exist_ok=True)
base = os.path.join(a.cache, "initramfs-%s.cpio.gz" % a.kver)
kernel = os.path.join(a.cache, "kernel", "boot", "vmlinuz-%s" % a.kver)
initrd = os.path.join(a.work, "initramfs-cowscope.cpio.gz")
here = os.path.dirname(os.path.abspath(__file__))
if not a.no_build and not a.print_script:
    subprocess.run([os.path.join(here, "build-guest.sh"), base, initrd, a.work], check=True)

INTERVAL_S = 0.2
GUEST = r"""
JB=/opt/cowscope/jre/bin/java
JO="-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx96m -Djna.tmpdir=/tmp/jna"
CP='/opt/cowscope/lib/*'
mkdir -p /tmp/jna
cowscope() { $JB $JO -cp "$CP" dev.cowscope.Main "$@"; }
# clockpair LABEL: '<label> <uptime before> <uptime after> <epoch seconds from adjtimex>' (3 tries, the host takes the tightest)
clockpair() {
  for _k in 1 2 3; do
    read _u1 _i < /proc/uptime; adjtimex > /tmp/adj.txt; read _u2 _i < /proc/uptime
    echo "$1 $_u1 $_u2 $(awk '/tv_sec/{s=$2} /tv_usec/{u=$2} END{printf "%d.%06d", s, u}' /tmp/adj.txt)" >> ../clock.txt
  done
}
$JB -version > java-version.txt 2>&1
# live_case DIR PERSIST: snapshot 'snap' of the origin on cow disk DIR, watch + poller while it fills
live_case() {
  mkdir -p $1; cd $1
  dmsetup create snap --table "0 65536 snapshot $D/origin $D/$1 $2 8"
  cap created
  if [ $1 = cowp ]; then
    cowscope watch /dev/mapper/snap --count 3 --interval 200ms > count3.txt 2> count3.err; echo $? > count3.rc
    ls -l /dev/mapper/ /dev/dm-* > devnodes.txt 2>&1
    cowscope watch /dev/dm-0 --count 1 --json > dm0.jsonl 2> dm0.err; echo $? > dm0.rc
    cowscope watch nosuchdev > nosuch.txt 2> nosuch.err; echo $? > nosuch.rc
  fi
  clockpair $1-start
  rm -f /tmp/fill.stop; : > fill-status.log; : > fill-poll-times.log; : > fill-writes.log
  set +x
  fillpoll 10 &
  FP=$!
  $JB $JO -Xlog:class+load=info,gc=info,safepoint=info:file=jvm.log:uptime -cp "$CP" dev.cowscope.Main watch snap --interval 200ms --record watch.log --json > watch.jsonl 2> watch.err &
  WP=$!
  i=0; while [ ! -s watch.jsonl ] && [ $i -lt 2400 ]; do usleep 100000; i=$((i + 1)); done
  echo "WATCH-FIRST-LINE after ${i}00 ms"
  usleep 1000000
  cs_now; T0=$((NOW + 10)); echo $T0 > fill-t0-cs.txt; echo "WRITES-START T0=$T0"
@WRITES@
  echo "WRITES-END"
  i=0; while kill -0 $WP 2>/dev/null && [ $i -lt 300 ]; do usleep 100000; i=$((i + 1)); done
  if kill -0 $WP 2>/dev/null; then echo "WATCH-TIMEOUT: still running 30 s after the writes"; kill $WP; fi
  wait $WP; echo $? > watch.rc
  echo "WATCH-RC $(cat watch.rc)"
  usleep 1000000; touch /tmp/fill.stop; wait $FP
  set -x
  clockpair $1-end
  if [ $1 = cowp ]; then
    cowscope watch snap --count 3 > after.txt 2> after.err; echo $? > after.rc
  fi
  cap after
  dmsetup remove snap
  cd ..
}
""" + oracle.FILLLIB + r"""
# resolve_case: names and paths watch must resolve (DM_LIST_DEVICES, sysfs): a linear device is not a
# snapshot; a snapshot-origin resolves to its one snapshot (as an LVM origin LV); a /dev/VG/LV symlink
resolve_case() {
  mkdir -p resolve; cd resolve
  dmsetup create lin --table "0 2048 linear $D/cowpo 0"
  dmsetup create origin --table "0 65536 snapshot-origin $D/origin"
  dmsetup suspend origin
  dmsetup create snap --table "0 65536 snapshot $D/origin $D/cowr P 8"
  dmsetup resume origin
  cap created
  # /dev/vg0/lv0 as without udev (a link to dmsetup's node in /dev/mapper), /dev/vg0/lv1 as udev makes it (to ../dm-N)
  mkdir -p /dev/vg0; ln -sf ../mapper/origin /dev/vg0/lv0
  for b in /sys/block/dm-*; do [ "$(cat $b/dm/name)" = origin ] && ln -sf ../${b##*/} /dev/vg0/lv1; done
  ls -l /dev/vg0 /dev/mapper /dev/dm-* > devnodes.txt 2>&1
  for c in "lin" "origin" "/dev/vg0/lv0" "/dev/vg0/lv1" "/dev/mapper/snap"; do
    f=$(echo $c | tr '/' '_')
    cowscope watch $c --count 2 --interval 200ms --json > w$f.jsonl 2> w$f.err; echo $? > w$f.rc
  done
  dmsetup remove snap; dmsetup remove origin; dmsetup remove lin
  cd ..
}
for c in @CASES@; do
  case $c in
  p) live_case cowp P;;
  po) live_case cowpo PO;;
  resolve) resolve_case;;
  esac
done
dmsetup ls > ls-end.txt
"""


def writes(seed):
    chunks = oracle.rchunks(seed, a.writes, oracle.NCH8)
    lines = []
    for i, c in enumerate(chunks):
        lines.append("  fw %d snapshot /dev/mapper/snap %d 8 1 $((T0 + %d))" % (i, c * 8, i * a.period_ms // 10))
    return "\n".join(lines)


# the two cases share the function; writes differ per case through a case statement
script = GUEST.replace("@CASES@", a.cases).replace("@WRITES@", "  case $1 in\n  cowp)\n%s\n  ;;\n  cowpo)\n%s\n  ;;\n  esac" % (writes(201), writes(202)))

if a.print_script:
    print(script)
    sys.exit(0)
tag = "lw-wat"
img = os.path.join(a.work, "img"); os.makedirs(img, exist_ok=True)
pat = os.path.join(img, "pattern.img")
if not os.path.exists(pat):
    oracle.make_pattern_disk(pat, tag)
origin = os.path.join(img, "origin.img")
oracle.stamp_image(origin, "ORIGIN", "O", oracle.ORIGIN_SECTORS)
for n in ("cowp", "cowpo", "cowr"):
    p = os.path.join(img, n + ".img")
    oracle.stamp_image(p, "COWJNK", "J", 2048)
    with open(p, "r+b") as f:
        f.write(bytes(4096))
disks = [dict(serial="origin", path=origin), dict(serial="cowp", path=os.path.join(img, "cowp.img")),
         dict(serial="cowpo", path=os.path.join(img, "cowpo.img")),
         dict(serial="cowr", path=os.path.join(img, "cowr.img")), dict(serial="pattern", path=pat, ro=True)]
os.environ.setdefault("ORACLE_ACCEL", "tcg")
logdir = os.path.join(a.work, "boot")
t0 = time.time()
gdir = oracle.boot("live-watch", disks, script, logdir, initrd, kernel, timeout=1800)
print("boot took %.0f s, guest files in %s" % (time.time() - t0, gdir))
subprocess.run([sys.executable, os.path.join(here, "compare.py"), gdir] + (["--evidence", a.evidence] if a.evidence else []),
               check=False)
