# Copies the fill traces CowScope's tests use: the status log and a small summary of the manifest.
import json, os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
for sid in sorted(os.listdir(src)):
    d = os.path.join(src, sid)
    if not os.path.isfile(os.path.join(d, "fill-status.log")):
        continue
    m = json.load(open(os.path.join(d, "manifest.json")))
    f = m["fill"]
    o = os.path.join(dst, sid); os.makedirs(o, exist_ok=True)
    shutil.copy(os.path.join(d, "fill-status.log"), o)
    table = open(os.path.join(d, "table-created.txt")).read().strip()
    keep = dict(id=sid, description=m.get("description") or m.get("desc"), table=table,
                kind=f.get("kind"), kernel=open(os.path.join(d, "uname-r.txt")).read().strip(),
                first_non_valid_sample=f.get("first_non_valid_sample"), first_non_valid_state=f.get("first_non_valid_state"),
                last_valid_sample=f.get("last_valid_sample"), fill_rate_sectors_per_s=f.get("fill_rate_sectors_per_s"),
                bursts=f.get("bursts"), phases=f.get("phases"),
                checks={k: v for k, v in m["checks"].items() if isinstance(v, (bool, int)) or k in ("status_states_seen",)},
                recorded_by="../shared/oracle fill_trace (QEMU TCG, Debian kernel above), scenarios in .ci/fill-traces/scenarios.py")
    json.dump(keep, open(os.path.join(o, "trace.json"), "w"), indent=1)
    print(sid, keep["first_non_valid_sample"], keep["table"])
