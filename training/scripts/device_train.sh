#!/bin/bash
# Train nb and nn on a machine with a GPU (and the same on CPU as a fallback), keep the better of each.
# Usage: training/scripts/device_train.sh SECONDS OUTDIR  (development aid; `make train-nb` is the reference)
SECS=${1:-470}; OUT=${2:-/tmp/out}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 PYTHONUNBUFFERED=1
python3 -c "from thinc.api import require_gpu; require_gpu(0); print('gpu ok')" 2>&1 | tail -1
run() { name=$1; shift; timeout -s INT $SECS python3 -m spacy train training/configs/norwegian.cfg --output /tmp/tr/$name \
  --training.eval_frequency 1000 "$@" > /tmp/tr-$name.log 2>&1; }
for l in nob:nb nno:nn; do c=${l%:*}; n=${l#*:}
  run gpu-$n --paths.train training/corpus/train/$c-train.spacy --paths.dev training/corpus/dev/$c-dev.spacy --gpu-id 0 &
  run cpu-$n --paths.train training/corpus/train/$c-train.spacy --paths.dev training/corpus/dev/$c-dev.spacy &
done
wait
for f in /tmp/tr-*.log; do echo "== $f"; grep -E "^ +[0-9]+ +[0-9]+ " $f | tail -4; grep -iE "error|Traceback" $f | head -3; done
for l in nob:nb nno:nn; do c=${l%:*}; n=${l#*:}
  for k in gpu cpu; do [ -d /tmp/tr/$k-$n/model-best ] && python3 -m spacy evaluate /tmp/tr/$k-$n/model-best training/corpus/dev/$c-dev.spacy --output /tmp/ev-$k-$n.json > /dev/null 2>&1 & done
done
wait
python3 - <<'PY'
import json, os
for n in ("nb", "nn"):
    best = None
    for k in ("gpu", "cpu"):
        f = f"/tmp/ev-{k}-{n}.json"
        if os.path.exists(f):
            r = json.load(open(f))
            print(n, k, {m: round(r[m], 4) for m in ("ents_f", "tag_acc", "lemma_acc", "dep_uas", "dep_las", "morph_acc", "sents_f")})
            if best is None or r["ents_f"] > best[1]:
                best = (k, r["ents_f"])
    if best:
        open(f"/tmp/best-{n}", "w").write(best[0])
PY
for n in nb nn; do [ -f /tmp/best-$n ] || continue; k=$(cat /tmp/best-$n); echo "shipping $k-$n"
  tar -czf /tmp/$n.tgz -C /tmp/tr/$k-$n model-best && split -b 15M -d /tmp/$n.tgz $OUT/$n.tgz.part; done
ls -la $OUT
