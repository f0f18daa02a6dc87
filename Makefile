# kilde developer targets. NorNE lives in ../shared/data/norne (override: make train-nb NORNE=/path/to/norne).
PY ?= .venv/bin/python
NORNE ?= ../shared/data/norne
ARTICLES ?= ../shared/data/articles/norne-articles.jsonl
CORPUS := training/corpus
OUTDIR := training/output
# Training budget: spaCy stops at MAX_STEPS or when killed at TRAIN_SECONDS (model-best is kept).
MAX_STEPS ?= 20000
TRAIN_SECONDS ?= 3300
TRAIN_ENV := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

.PHONY: train-nb train-nn train-ner train-entity-typer crossfit person-names pretrain-ner corpus-nb corpus-nn corpus-both eval-nb eval-nn bench-nlp test-nlp
NER_SECONDS ?= 2700
# Epochs of `spacy pretrain` for the NER's tok2vec (7: 27 min on one core). NER_INIT: pretrained tok2vec weights
# for train-ner to start from (empty: none, as shipped; pretraining measured no gain, training/README.md).
PRETRAIN_EPOCHS ?= 7
NER_INIT ?=

$(CORPUS)/%-train.spacy: $(NORNE)/%/train.ndt.conllu
	$(PY) training/scripts/conllu_to_docbin.py $< $@

$(CORPUS)/%-dev.spacy: $(NORNE)/%/dev.ndt.conllu
	$(PY) training/scripts/conllu_to_docbin.py $< $@

corpus-nb: $(CORPUS)/nob-train.spacy $(CORPUS)/nob-dev.spacy
corpus-nn: $(CORPUS)/nno-train.spacy $(CORPUS)/nno-dev.spacy

# The NER is one model for both written standards: nob + nno train, both dev splits for model selection.
corpus-both: corpus-nb corpus-nn
	mkdir -p $(CORPUS)/both-train $(CORPUS)/both-dev
	ln -sf ../nob-train.spacy ../nno-train.spacy $(CORPUS)/both-train/
	ln -sf ../nob-dev.spacy ../nno-dev.spacy $(CORPUS)/both-dev/

# Raw text of the train-split articles only (never dev), for pretraining.
$(CORPUS)/raw-train.jsonl: $(ARTICLES)
	$(PY) training/scripts/raw_text.py --articles $< --output $@

# Pretrain the NER's tok2vec on that text (characters objective, [pretraining] in ner.cfg); writes model-last.bin:
# make pretrain-ner train-ner NER_INIT=training/output/ner-pretrain/model-last.bin
pretrain-ner: $(CORPUS)/raw-train.jsonl
	rm -rf $(OUTDIR)/ner-pretrain
	$(TRAIN_ENV) $(PY) -m spacy pretrain training/configs/ner.cfg $(OUTDIR)/ner-pretrain \
	  --code training/scripts/ner_augment.py --paths.raw_text $< --pretraining.max_epochs $(PRETRAIN_EPOCHS)

train-ner: corpus-both
	$(TRAIN_ENV) timeout -s INT $(NER_SECONDS) $(PY) -m spacy train training/configs/ner.cfg \
	  --code training/scripts/ner_augment.py --output $(OUTDIR)/ner --training.max_steps $(MAX_STEPS) \
	  $(if $(NER_INIT),--paths.init_tok2vec $(NER_INIT)) || test -d $(OUTDIR)/ner/model-best
	$(PY) training/scripts/package_ner.py $(OUTDIR)/ner/model-best
	$(MAKE) eval-nb eval-nn

# The entity typer (kilde/nlp/entity_typer.py) that re-types the NER's names: NorNE nob + nno train with
# cross-fitted trees (make crossfit), ~2 min.
train-entity-typer: $(CORPUS)/crossfit/.done
	$(PY) training/scripts/train_entity_typer.py --out kilde/nlp/models/entity_typer

# Cross-fitting: each half of the train split is tagged, lemmatised and parsed by a variety model trained on the
# other half (norwegian.cfg, CROSSFIT_STEPS steps; ~10 min each on one core, the four in two parallel pairs),
# so the typer trains on trees as wrong as the ones it reads at run time.
CROSSFIT_STEPS ?= 3000
crossfit: $(CORPUS)/crossfit/.done
$(CORPUS)/crossfit/.done: $(CORPUS)/nob-train.spacy $(CORPUS)/nno-train.spacy $(CORPUS)/nob-dev.spacy $(CORPUS)/nno-dev.spacy
	for v in nob nno; do $(PY) training/scripts/split_folds.py $(CORPUS)/$$v-train.spacy $(CORPUS); done
	for fold in a b; do ( for x in nb:nob nn:nno; do \
	  $(TRAIN_ENV) $(PY) -m spacy train training/configs/norwegian.cfg --output $(OUTDIR)/vfold-$$fold-$${x%:*} \
	    --paths.train $(CORPUS)/fold-$$fold/$${x#*:}-train.spacy --paths.dev $(CORPUS)/$${x#*:}-dev.spacy \
	    --training.max_steps $(CROSSFIT_STEPS) --training.eval_frequency 1000 > $(OUTDIR)/vfold-$$fold-$${x%:*}.log 2>&1 \
	    || exit 1; done ) & done; wait
	for x in nb:nob nn:nno; do for f in a:b b:a; do $(PY) training/scripts/crossfit_annotate.py --lang $${x%:*} \
	  --model $(OUTDIR)/vfold-$${f#*:}-$${x%:*}/model-best $(CORPUS)/fold-$${f%:*}/$${x#*:}-train.spacy \
	  $(CORPUS)/crossfit/$${x#*:}-train-$${f%:*}.spacy; done; done
	touch $@

# The typer's person-name list (kilde/data/person_names.npz) from the PyPI package names-dataset (build time only).
person-names:
	$(PY) -m pip install names-dataset==3.3.1
	$(PY) scripts/build_person_names.py

# train-<lang>: convert, train the tagger, lemmatizer and parser (train split only; dev split for model
# selection), package into kilde/nlp/models/<lang> without its NER (train-ner makes the shared one), print dev scores.
train-%: LANGCODE = $(if $(filter nb,$*),nob,nno)
train-nb train-nn: train-%: corpus-%
	$(TRAIN_ENV) timeout -s INT $(TRAIN_SECONDS) $(PY) -m spacy train training/configs/norwegian.cfg \
	  --output $(OUTDIR)/$* --paths.train $(CORPUS)/$(LANGCODE)-train.spacy \
	  --paths.dev $(CORPUS)/$(LANGCODE)-dev.spacy --training.max_steps $(MAX_STEPS) \
	  --training.eval_frequency 1000 || test -d $(OUTDIR)/$*/model-best
	$(PY) training/scripts/package.py $(OUTDIR)/$*/model-best --lang $* --without-ner
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
