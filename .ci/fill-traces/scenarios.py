# Fill-trace scenarios for CowScope's fill monitor (#17). Used with ORACLE_SCENARIOS=this file.
import random

def scenarios(Scn, rchunks, NCH8, ORIGIN_SECTORS):
    L = []
    F = lambda **k: {**dict(poll_ms=100, lead_ms=1000, tail_ms=2000, boot_timeout=1500), **k}

    def paced(s, chunks, period_ms, target="snapshot", nsect=8, start_ms=0, phase=None, rewrite_every=0):
        t = start_ms; seen = []
        for i, c in enumerate(chunks):
            s.w(target, c * s.chunk, nsect)
            s.writes[-1]["fill"] = dict(at_ms=t, intent="new", phase=phase)
            seen.append(c); t += period_ms
            if rewrite_every and i % rewrite_every == rewrite_every - 1:
                r = seen[len(seen) // 2]
                s.w(target, r * s.chunk, nsect, gen=2)
                s.writes[-1]["fill"] = dict(at_ms=t, intent="rewrite", phase=phase)
                t += period_ms
        return t

    # steady writer, P: 1 MiB COW holds 253 chunk-8 exceptions; 270 new chunks, one every 150 ms -> Invalid
    s = Scn("h1-steady-P", "steady: one new 4 KiB chunk every 150 ms into a 1 MiB P COW until invalidated", chunk=8, cow_mib=1)
    paced(s, rchunks(101, 270, NCH8), 150)
    s.extra.update(_kind="fill_trace", _fill=F(doc=dict(kind="steady")))
    L.append(s)

    # steady, PO: overflows, rewrites after overflow
    s = Scn("h2-steady-PO", "steady: one new chunk every 150 ms into a 1 MiB PO COW until it overflows", chunk=8, cow_mib=1, persist="PO")
    t = paced(s, rchunks(102, 265, NCH8), 150)
    s.extra.update(_kind="fill_trace", _fill=F(doc=dict(kind="steady")))
    L.append(s)

    # bursty: 25 chunks back to back, then 2.5 s idle; 2 MiB COW (508 exceptions)
    s = Scn("h3-bursty-P", "bursts of 25 new chunks back to back, 2.5 s idle between, 2 MiB P COW until invalidated", chunk=8, cow_mib=2)
    ch = rchunks(103, 540, NCH8)
    t = 0
    for b in range(0, len(ch), 25):
        for c in ch[b:b + 25]:
            s.w("snapshot", c * 8, 8)
            s.writes[-1]["fill"] = dict(at_ms=t, intent="new", burst=b // 25)
        t += 2500 + 25 * 60
    s.extra.update(_kind="fill_trace", _fill=F(doc=dict(kind="bursty")))
    L.append(s)

    # origin writes through snapshot-origin with rewrites of already copied chunks (they allocate nothing)
    s = Scn("h4-origin-rewrites-P", "origin writes, one new chunk every 200 ms and a rewrite of a copied chunk after every 2nd, 1 MiB P COW",
            chunk=8, cow_mib=1)
    s.origin_target = True
    paced(s, rchunks(104, 260, NCH8), 100, target="origin", rewrite_every=2)
    s.extra.update(_kind="fill_trace", _fill=F(doc=dict(kind="origin+rewrites")))
    L.append(s)

    # multi-chunk writes crossing area boundaries: 64 KiB (16 chunks) every 600 ms, 2 MiB COW
    s = Scn("h5-64k-P", "64 KiB writes (16 chunk-8 exceptions each) every 600 ms into a 2 MiB P COW until invalidated", chunk=8, cow_mib=2)
    base = rchunks(105, 40, NCH8 // 16)
    t = 0
    for c in base:
        s.w("snapshot", c * 128, 128)
        s.writes[-1]["fill"] = dict(at_ms=t, intent="new")
        t += 600
    s.extra.update(_kind="fill_trace", _fill=F(doc=dict(kind="steady-64k")))
    L.append(s)

    # rate change: fast phase then a slow phase (any-writer check at >= 90 %)
    s = Scn("h6-slowdown-PO", "fast (one chunk / 80 ms) to ~60 %, then slow (one chunk / 400 ms) until overflow, 1 MiB PO COW",
            chunk=8, cow_mib=1, persist="PO")
    ch = rchunks(106, 262, NCH8)
    t = paced(s, ch[:150], 80, phase="fast")
    paced(s, ch[150:], 400, start_ms=t, phase="slow")
    s.extra.update(_kind="fill_trace", _fill=F(doc=dict(kind="slowdown")))
    L.append(s)

    # never fills: chunk 16, 4 MiB COW, 120 chunks then idle
    s = Scn("h7-partial-chunk16", "chunk 16: 120 new chunks one every 120 ms into a 4 MiB P COW, then idle; never full", chunk=16, cow_mib=4)
    paced(s, rchunks(107, 120, NCH8 // 2), 120, nsect=16)
    s.extra.update(_kind="fill_trace", _fill=F(doc=dict(kind="partial"), tail_ms=6000))
    L.append(s)
    return L
