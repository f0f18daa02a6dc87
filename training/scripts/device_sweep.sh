#!/bin/bash
# Parallel config sweep on a many-core machine (used once during development; not needed to train).
# Usage: training/scripts/device_sweep.sh SECONDS OUTDIR  (each variant trains for SECONDS wall time)
SECS=${1:-480}; OUT=${2:-/tmp/sweep}
mkdir -p $OUT/logs
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 PYTHONUNBUFFERED=1
T="python3 -m spacy train"
C=training/configs
run() { name=$1; shift; timeout -s INT $SECS $T "$@" --output /tmp/sw/$name --training.eval_frequency 600 > $OUT/logs/$name.log 2>&1; }
run base $C/joint.cfg &
run w128 $C/joint.cfg --components.tok2vec.model.encode.width 128 &
run w160 $C/joint.cfg --components.tok2vec.model.encode.width 160 &
run d6 $C/joint.cfg --components.tok2vec.model.encode.depth 6 &
run nert2v $C/joint-nert2v.cfg &
run rows2x $C/joint.cfg --components.tok2vec.model.embed.rows "[20000,5000,10000,5000]" &
run char $C/joint-char.cfg &
run drop2 $C/joint.cfg --training.dropout 0.2 &
run lr2 $C/joint.cfg --training.optimizer.learn_rate 0.002 &
run nob $C/joint.cfg --paths.train training/corpus/train/nob-train.spacy &
run nno $C/joint.cfg --paths.train training/corpus/train/nno-train.spacy &
run nerh128 $C/joint.cfg --components.ner.model.hidden_width 128 &
run w128ner $C/joint-nert2v.cfg --components.tok2vec.model.encode.width 128 &
run w128d6 $C/joint.cfg --components.tok2vec.model.encode.width 128 --components.tok2vec.model.encode.depth 6 &
wait
for d in /tmp/sw/*/; do n=$(basename $d)
  for l in nob nno; do python3 -m spacy evaluate $d/model-best training/corpus/dev/$l-dev.spacy --output $OUT/logs/$n-$l.json > /dev/null 2>&1 & done
done
wait
python3 - "$OUT" <<'PY'
import json, glob, os, sys
out = sys.argv[1]
for f in sorted(glob.glob(f"{out}/logs/*-nob.json")):
    n = os.path.basename(f)[:-9]
    r = {l: json.load(open(f"{out}/logs/{n}-{l}.json")) for l in ("nob", "nno") if os.path.exists(f"{out}/logs/{n}-{l}.json")}
    print(n.ljust(10), " ".join(f"{l}: ner {v['ents_f']:.3f} tag {v['tag_acc']:.3f} lem {v['lemma_acc']:.3f} las {v['dep_las']:.3f} wps {v['speed']:.0f}" for l, v in r.items()))
PY
