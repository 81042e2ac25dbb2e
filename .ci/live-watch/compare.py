#!/usr/bin/env python3
"""Compares what `cowscope watch` recorded in the oracle VM with the oracle's dmsetup poller, and
reads the record back with `cowscope fill-log` on the host. Writes GUESTDIR/summary.json and, with
--evidence DIR, copies the evidence there. Exit 0 when every check passed.

usage: compare.py GUESTDIR [--evidence DIR] [--jar target/cowscope.jar] [--commit SHA]
"""
import argparse, json, os, shutil, subprocess, sys

INTERVAL = 0.2      # watch --interval
POLL = 0.1          # the oracle's fillpoll period
ap = argparse.ArgumentParser()
ap.add_argument("gdir")
ap.add_argument("--evidence")
ap.add_argument("--jar", default="target/cowscope.jar")
ap.add_argument("--commit", help="the commit the guest's jar was built from (default: HEAD)")
a = ap.parse_args()
G = a.gdir


def rd(*p):
    f = os.path.join(G, *p)
    return open(f, errors="replace").read() if os.path.exists(f) else None


def clock(label):
    """tightest (uptime, epoch) pair taken at LABEL: offset epoch - uptime, and its error bound."""
    best = None
    for l in (rd("clock.txt") or "").splitlines():
        t = l.split()
        if len(t) == 4 and t[0] == label:
            u1, u2, e = float(t[1]), float(t[2]), float(t[3])
            if best is None or u2 - u1 < best[1] - best[0]:
                best = (u1, u2, e)
    if best is None:
        return None
    u1, u2, e = best
    return dict(offset=round(e - (u1 + u2) / 2, 4), error=round((u2 - u1) / 2 + 0.01, 4))


def lost(text):
    return text.split()[-1] in ("Invalid", "Overflow") if text.split() else False


def case(d, want):
    res = dict(case=d, expect=want)
    ok = {}
    c0, c1 = clock(d + "-start"), clock(d + "-end")
    res["clock"] = dict(start=c0, end=c1, drift=round(c1["offset"] - c0["offset"], 4) if c0 and c1 else None)
    off = c0["offset"]; cerr = max(c0["error"], c1["error"] if c1 else 0)
    poll = []
    for l in (rd(d, "fill-status.log") or "").splitlines():
        t, s = l.split(" ", 1)
        poll.append((float(t), s.strip()))
    rec = []
    for l in (rd(d, "watch.log") or "").splitlines():
        t, rest = l.split(" ", 1)
        name, s = rest.split(": ", 1)
        rec.append((float(t), name, s.strip()))
    jl = [json.loads(l) for l in (rd(d, "watch.jsonl") or "").splitlines() if l.strip()]
    res.update(poller_samples=len(poll), record_lines=len(rec), json_lines=len(jl))
    rc = (rd(d, "watch.rc") or "").strip()
    res["watch_rc"] = rc
    ok["watch_exit_5"] = rc == "5"
    ok["record_names_snap"] = bool(rec) and all(n == "snap" for _, n, _ in rec)
    ok["json_lines_equal_record"] = len(jl) == len(rec) and all(
        j["status"] == " ".join(s.split()[3:]) and abs(j["at"] - t) < 0.0015 for j, (t, _, s) in zip(jl, rec))
    ok["record_last_is_" + want] = bool(rec) and rec[-1][2].split()[-1] == want
    ok["record_only_last_is_lost"] = bool(rec) and not any(lost(s) for _, _, s in rec[:-1])
    # every recorded status against the poller's samples. A poll reads the kernel between its two
    # times in fill-poll-times.log (before the exec, after it); watch reads it at most LAG before its
    # time stamp. The allocated count only grows, and a lost snapshot stays lost, so watch's value must
    # lie between the last poll that surely read before watch did and the first that surely read after,
    # and a value the poller also saw must fall between the polls around the ones that saw it.
    pt = [tuple(map(float, l.split())) for l in (rd(d, "fill-poll-times.log") or "").splitlines() if l.strip()]
    if len(pt) != len(poll):
        pt = [(t, t) for t, _ in poll]     # no poll times: the time stamp for both
    LAG = 0.25

    def rank(s):
        return float("inf") if lost(s) else int(s.split()[3].split("/")[0])
    missing, outside, between_bad = [], [], []
    for t, _, s in rec:
        tu = t - off
        before = [i for i, (a0, a1) in enumerate(pt) if a1 < tu - LAG - cerr]
        after = [i for i, (a0, a1) in enumerate(pt) if a0 > tu + cerr]
        lo = rank(poll[before[-1]][1]) if before else 0
        hi = rank(poll[after[0]][1]) if after else float("inf")
        if not lo <= rank(s) <= hi:
            between_bad.append("%.3f %s: poller %s .. %s" % (tu, s, lo, hi))
        seen = [i for i, (_, ps) in enumerate(poll) if ps == s]
        if not seen:
            missing.append("%.3f %s (poller gap %.2f s there)" % (
                tu, s, (pt[after[0]][1] if after else tu) - (pt[before[-1]][0] if before else tu)))
            continue
        w0 = pt[seen[0] - 1][0] if seen[0] > 0 else 0.0
        w1 = pt[seen[-1] + 1][1] if seen[-1] + 1 < len(pt) else float("inf")
        if not w0 - cerr <= tu <= w1 + LAG + cerr:
            outside.append("%.3f %s (poller saw it %.2f..%.2f, window %.2f..%.2f)" % (tu, s, poll[seen[0]][0], poll[seen[-1]][0], w0, w1))
    res["record_statuses_missing_from_poller"] = missing
    res["record_statuses_outside_poller_window"] = outside
    res["record_statuses_not_between_poller_neighbours"] = between_bad
    gaps = sorted(b[1] - a[1] for a, b in zip(pt, pt[1:]))
    res["poller_gap_s"] = dict(median=round(gaps[len(gaps) // 2], 3), p90=round(gaps[int(len(gaps) * .9)], 3),
                               max=round(gaps[-1], 3)) if gaps else None
    res["distinct_record_statuses_missing_from_poller"] = len({m.split(" ", 1)[1].split(" (")[0] for m in missing})
    # the brief's check, literally; it fails only where the poller itself skipped a status (see poller_gap_s)
    ok["every_record_status_in_poller_log"] = not missing
    ok["every_record_status_seen_by_poller_within_its_window"] = not outside
    ok["every_record_status_between_poller_neighbours"] = not between_bad
    valid_poll = sorted({s for _, s in poll if not lost(s)})
    valid_rec = sorted({s for _, _, s in rec if not lost(s)})
    res["distinct_valid_statuses"] = dict(poller=len(valid_poll), watch=len(valid_rec))
    fp = next((t for t, s in poll if lost(s)), None)
    fw = next((t - off for t, _, s in rec if lost(s)), None)
    res["first_lost"] = dict(poller_uptime=fp, watch_uptime=None if fw is None else round(fw, 3),
                             watch_minus_poller_s=None if fp is None or fw is None else round(fw - fp, 3),
                             poller_status=next((s for _, s in poll if lost(s)), None))
    # the poller's own first-lost time is late by up to its gap before it (it slows down under load)
    ip = next((i for i, (t, s) in enumerate(poll) if lost(s)), None)
    pgap = poll[ip][0] - poll[ip - 1][0] if ip else 0.0
    res["first_lost"]["poller_gap_before_s"] = round(pgap, 3)
    ok["first_lost_within_one_interval_of_poller"] = fp is not None and fw is not None and \
        -(INTERVAL + pgap + cerr) <= fw - fp <= INTERVAL + cerr
    # exact reference: the write log (fill-writes.log: 'FILLW idx target start nsect gen t_before t_after rc')
    wl = [l.split() for l in (rd(d, "fill-writes.log") or "").splitlines() if l.startswith("FILLW")]
    okw = [(float(x[6]), float(x[7])) for x in wl if x[8] == "0"]
    bad = next(((float(x[6]), float(x[7])) for x in wl if x[8] != "0"), None)
    res["writes"] = dict(ok=len(okw), failed=sum(1 for x in wl if x[8] != "0"), first_failed=bad)
    slack = 0.25          # how long before its time stamp watch's ioctl may have run (JVM under TCG on a loaded host)
    outside = []
    for t, _, s in rec:
        if lost(s):
            continue
        tu = t - off
        al, meta = s.split()[3].split("/")[0], s.split()[4]
        x = int(al) // 8 - 2
        dchunks = x - x // 257
        lo = sum(1 for a0, a1 in okw if a1 + 0.01 <= tu - cerr - slack)
        hi = sum(1 for a0, a1 in okw if a0 <= tu + cerr + 0.01)
        if not lo <= dchunks <= hi or (2 + dchunks + dchunks // 256) * 8 != int(al):
            outside.append("%.3f %s: data chunks %d, writes done %d..%d" % (tu, s, dchunks, lo, hi))
    res["record_vs_write_log_outside"] = outside
    ok["every_valid_record_bracketed_by_write_log"] = not outside and bool(okw)
    if bad and fw is not None:
        res["first_lost"]["watch_minus_failing_write_end_s"] = round(fw - bad[1], 3)
        ok["first_lost_after_failing_write_started"] = fw >= bad[0] - cerr - 0.01
        ok["first_lost_within_one_interval_after_failing_write"] = fw <= bad[1] + INTERVAL + 0.1 + cerr
    ok["poller_first_lost_is_" + want] = res["first_lost"]["poller_status"] is not None and \
        res["first_lost"]["poller_status"].endswith(want)
    err = (rd(d, "watch.err") or "").strip()
    res["watch_err"] = err
    ok["watch_err_says_lost"] = "is lost" in err and want in err
    # fill-log on the host reads the record back
    recf = os.path.join(G, d, "watch.log")
    if os.path.exists(a.jar) and os.path.exists(recf):
        jar = os.path.abspath(a.jar)
        p = subprocess.run(["java", "-jar", jar, "fill-log", "watch.log", "--json"], capture_output=True, text=True, cwd=os.path.join(G, d))
        q = subprocess.run(["java", "-jar", jar, "fill-log", "watch.log"], capture_output=True, text=True, cwd=os.path.join(G, d))
        open(os.path.join(G, d, "fill-log.txt"), "w").write(q.stdout + q.stderr)
        res["fill_log_rc"] = [p.returncode, q.returncode]
        try:
            j = json.loads(p.stdout)
            key = "becameInvalidAt" if want == "Invalid" else "becameOverflowAt"
            first_rec = next((t for t, _, s in rec if lost(s)), None)
            res["fill_log"] = {k: j.get(k) for k in ("samples", "lines", "ignoredLines", "firstAt", "lastAt",
                                                      "becameInvalidAt", "becameOverflowAt", "thresholds")}
            ok["fill_log_reads_every_line"] = j.get("samples") == len(rec) and not j.get("ignoredLines")
            ok["fill_log_lost_at_first_lost_record"] = j.get(key) is not None and first_rec is not None and \
                abs(j[key] - first_rec) < 0.0015
        except ValueError:
            ok["fill_log_json_parses"] = False
    res["checks"] = ok
    return res


def extra():
    r = {}
    for n in ("count3", "dm0", "nosuch", "after"):
        r[n] = dict(rc=(rd("cowp", n + ".rc") or "").strip(),
                    out=(rd("cowp", n + ".txt") or rd("cowp", n + ".jsonl") or "").strip().splitlines(),
                    err="\n".join(l for l in (rd("cowp", n + ".err") or "").splitlines() if not l.startswith("+ ")))
    ok = dict(
        count3_exit_0_three_samples=r["count3"]["rc"] == "0" and len([l for l in r["count3"]["out"] if "%" in l]) == 3,
        dm0_path_resolves_to_snap=r["dm0"]["rc"] == "0" and len(r["dm0"]["out"]) == 1 and '"name":"snap"' in r["dm0"]["out"][0].replace(" ", ""),
        nosuchdev_exit_3_with_message=r["nosuch"]["rc"] == "3" and "nosuchdev" in r["nosuch"]["err"],
        after_loss_exit_5=r["after"]["rc"] == "5")
    return dict(runs=r, checks=ok)


def resolve():
    r, ok = {}, {}
    for c, want in (("lin", None), ("origin", "snap"), ("/dev/vg0/lv0", "snap"), ("/dev/vg0/lv1", "snap"), ("/dev/mapper/snap", "snap")):
        f = "w" + c.replace("/", "_")
        out = [json.loads(l) for l in (rd("resolve", f + ".jsonl") or "").splitlines() if l.strip()]
        err = "\n".join(l for l in (rd("resolve", f + ".err") or "").splitlines() if not l.startswith("+ "))
        r[c] = dict(rc=(rd("resolve", f + ".rc") or "").strip(), names=[o["name"] for o in out], err=err)
        if want:
            ok[c + " -> snap"] = r[c]["rc"] == "0" and r[c]["names"] == [want, want]
        else:
            ok["lin: exit 3, not a snapshot, lists snap"] = r[c]["rc"] == "3" and "not a snapshot" in err and "snap" in err
    return dict(runs=r, checks=ok)


summary = dict(
    kernel=(rd("uname-r.txt") or "").strip(), java=(rd("java-version.txt") or "").strip().splitlines(),
    cowscope_commit=a.commit or subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip(),
    dm_ioctl=[l.split("] ", 1)[-1] for l in (rd("dmesg.txt") or "").splitlines() if "device-mapper: ioctl:" in l][:1],
    dmsetup_host=subprocess.run("dmsetup --version 2>/dev/null | head -1", shell=True, capture_output=True, text=True).stdout.strip(),
    qemu=subprocess.run("qemu-system-x86_64 --version | head -1", shell=True, capture_output=True, text=True).stdout.strip(),
    watch_interval_s=INTERVAL, poller_period_s=POLL,
    )
if os.path.isdir(os.path.join(G, "cowp")):
    summary.update(P=case("cowp", "Invalid"), other_runs=extra())
if os.path.isdir(os.path.join(G, "cowpo")):
    summary["PO"] = case("cowpo", "Overflow")
if os.path.isdir(os.path.join(G, "resolve")):
    summary["resolve"] = resolve()
parts = [k for k in ("P", "PO", "other_runs", "resolve") if k in summary]
allok = all(all(v for v in summary[k]["checks"].values()) for k in parts)
summary["all_checks_passed"] = allok
json.dump(summary, open(os.path.join(G, "summary.json"), "w"), indent=1)
print(json.dumps({k: summary[k]["checks"] for k in parts}, indent=1))
print("all checks passed:", allok)
if a.evidence:
    E = a.evidence
    os.makedirs(E, exist_ok=True)
    shutil.copy(os.path.join(G, "summary.json"), E)
    for f in ("clock.txt", "uname-r.txt", "java-version.txt"):
        if os.path.exists(os.path.join(G, f)):
            shutil.copy(os.path.join(G, f), E)
    for d, dst in (("cowp", E), ("cowpo", os.path.join(E, "po")), ("resolve", os.path.join(E, "resolve"))):
        if not os.path.isdir(os.path.join(G, d)):
            continue
        os.makedirs(dst, exist_ok=True)
        if d == "resolve":
            for f in sorted(os.listdir(os.path.join(G, d))):
                if f.startswith("w") and f.endswith((".jsonl", ".err", ".rc")) or f in ("table-created.txt", "devnodes.txt"):
                    with open(os.path.join(G, d, f)) as i, open(os.path.join(dst, f), "w") as o:
                        o.writelines(l for l in i if not l.startswith("+ "))
            continue
        for f in ("watch.jsonl", "watch.log", "watch.err", "watch.rc", "fill-status.log", "fill-writes.log",
                  "fill-poll-times.log", "table-created.txt", "fill-log.txt", "count3.txt", "count3.err", "count3.rc",
                  "dm0.jsonl", "dm0.err", "dm0.rc", "nosuch.txt", "nosuch.err", "nosuch.rc", "after.txt", "after.err",
                  "after.rc"):
            src = os.path.join(G, d, f)
            if os.path.exists(src):
                if f.endswith(".err"):    # without the guest's sh -x trace of the command
                    with open(src) as i, open(os.path.join(dst, f), "w") as o:
                        o.writelines(l for l in i if not l.startswith("+ "))
                else:
                    shutil.copy(src, dst)
sys.exit(0 if allok else 1)
