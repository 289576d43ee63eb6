# The two commands a lecturer needs: `make lecture` and `make test`.
# Both install what is missing first (system packages and .venv/), via scripts/setup.sh.

VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=
LECTURE ?= 1
QUALITY ?= m
THEME   ?= dark
OUT     ?= renders
NNANIM  := $(BIN)/nnanim
SHOTS   := -q $(QUALITY) --theme $(THEME) --out $(OUT) --lecture $(LECTURE)
# Every file of lecture N goes under $(OUT)/lecture-N/.
HERE    := $(OUT)/lecture-$(LECTURE)

.PHONY: setup beat-table lecture test test-fast bench clean

setup:
	@bash scripts/setup.sh

# What `nnanim list` reads so that it answers without importing the course (not in git; a stale
# table is never used: list then asks the course, more slowly). About 2 s of CPU.
beat-table:
	$(BIN)/python scripts/beat_table.py

# Checks the tools first, then, for lecture $(LECTURE): the computed values, every scene's video (with
# subtitles and a clip per beat), a still per beat, the PDF deck, the matplotlib figures. Scenes that
# are up to date are not rendered again. `make lecture LECTURE=2` makes lecture 2.
lecture: setup
	$(MAKE) --no-print-directory beat-table
	$(NNANIM) doctor --out $(OUT)
	mkdir -p $(HERE)
	$(NNANIM) explain --all --lecture $(LECTURE) > $(HERE)/.lecture-values.txt && mv $(HERE)/.lecture-values.txt $(HERE)/lecture-values.txt
	$(NNANIM) render --all $(SHOTS)
	$(NNANIM) stills --all $(SHOTS)
	$(NNANIM) deck --all --format pdf $(SHOTS)
	$(NNANIM) notebook $(SHOTS)
	$(NNANIM) figures --all --lecture $(LECTURE) --theme $(THEME) --out $(OUT)
	@echo
	@echo "Lecture $(LECTURE) is in $(HERE)/:"
	@echo "  values   $(HERE)/lecture-values.txt (every number the scenes show)"
	@echo "  videos   $(HERE)/$(THEME)/$(QUALITY)/NN_<slug>.mp4, subtitles beside them, a clip per beat in clips/"
	@echo "  stills   $(HERE)/$(THEME)/$(QUALITY)/stills/ (one PNG per beat)"
	@echo "  deck     $(HERE)/$(THEME)/$(QUALITY)/decks/lecture.pdf"
	@echo "  notebook $(HERE)/$(THEME)/$(QUALITY)/notebooks/lecture.ipynb (each video, then the numpy behind it)"
	@echo "  figures  $(HERE)/figures/$(THEME)/ (matplotlib figures for slides)"

test:
	@bash scripts/setup.sh --test
	$(MAKE) --no-print-directory beat-table
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast:
	@bash scripts/setup.sh --test
	$(MAKE) --no-print-directory beat-table
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not slow" $(PYTEST_ARGS)

# Measures render speed and memory on this machine into bench/RESULTS.md (about 50 minutes; not run by CI).
bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis nnanim/beat_table.json
