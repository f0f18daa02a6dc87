# kilde developer targets. NorNE lives in ../shared/data/norne (override: make train-nb NORNE=/path/to/norne).
PY ?= .venv/bin/python
NORNE ?= ../shared/data/norne
CORPUS := training/corpus
OUTDIR := training/output
# Training budget: spaCy stops at MAX_STEPS or when killed at TRAIN_SECONDS (model-best is kept).
MAX_STEPS ?= 20000
TRAIN_SECONDS ?= 3300
TRAIN_ENV := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

.PHONY: train-nb train-nn corpus-nb corpus-nn eval-nb eval-nn bench-nlp test-nlp

$(CORPUS)/%-train.spacy: $(NORNE)/%/train.ndt.conllu
	$(PY) training/scripts/conllu_to_docbin.py $< $@

$(CORPUS)/%-dev.spacy: $(NORNE)/%/dev.ndt.conllu
	$(PY) training/scripts/conllu_to_docbin.py $< $@

corpus-nb: $(CORPUS)/nob-train.spacy $(CORPUS)/nob-dev.spacy
corpus-nn: $(CORPUS)/nno-train.spacy $(CORPUS)/nno-dev.spacy

# train-<lang>: convert, train (train split only; dev split for model selection), package into
# kilde/nlp/models/<lang>, print dev scores.
train-%: LANGCODE = $(if $(filter nb,$*),nob,nno)
train-nb train-nn: train-%: corpus-%
	$(TRAIN_ENV) timeout -s INT $(TRAIN_SECONDS) $(PY) -m spacy train training/configs/norwegian.cfg \
	  --output $(OUTDIR)/$* --paths.train $(CORPUS)/$(LANGCODE)-train.spacy \
	  --paths.dev $(CORPUS)/$(LANGCODE)-dev.spacy --training.max_steps $(MAX_STEPS) \
	  --training.eval_frequency 1000 || test -d $(OUTDIR)/$*/model-best
	$(PY) training/scripts/package.py $(OUTDIR)/$*/model-best --lang $*
	$(MAKE) eval-$*

eval-%: LANGCODE = $(if $(filter nb,$*),nob,nno)
eval-nb eval-nn: eval-%:
	$(PY) -m kilde.cli evaluate ner --lang $* --data $(NORNE)/$(LANGCODE)/dev.ndt.conllu
	$(PY) -m kilde.cli evaluate parse --lang $* --data $(NORNE)/$(LANGCODE)/dev.ndt.conllu

bench-nlp:
	$(PY) benchmarks/bench_nlp.py --lang nb
	$(PY) benchmarks/bench_nlp.py --lang nn

test-nlp:
	$(PY) -m pytest tests/test_nlp.py tests/test_nlp_tokenizer.py tests/test_nlp_eval.py -q
