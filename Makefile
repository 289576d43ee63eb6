# The two commands a lecturer needs: `make lecture` and `make test`.
# Both install what is missing first (system packages and .venv/), via scripts/setup.sh.

VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=
QUALITY ?= m
THEME   ?= dark
OUT     ?= renders
NNANIM  := $(BIN)/nnanim
SHOTS   := -q $(QUALITY) --theme $(THEME) --out $(OUT)

.PHONY: setup lecture test test-fast bench clean

setup:
	@bash scripts/setup.sh

# Checks the tools first, then: the computed values, every scene's video (with subtitles and a clip
# per beat), a still per beat, the PDF deck, the matplotlib figures. Scenes that are up to date are not rendered again.
lecture: setup
	$(NNANIM) doctor --out $(OUT)
	$(NNANIM) explain --all > $(OUT)/.lecture-values.txt && mv $(OUT)/.lecture-values.txt $(OUT)/lecture-values.txt
	$(NNANIM) render --all $(SHOTS)
	$(NNANIM) stills --all $(SHOTS)
	$(NNANIM) deck --all --format pdf $(SHOTS)
	$(NNANIM) figures --all --theme $(THEME) --out $(OUT)
	@echo
	@echo "The lecture is in $(OUT)/:"
	@echo "  values   $(OUT)/lecture-values.txt (every number the scenes show)"
	@echo "  videos   $(OUT)/$(THEME)/$(QUALITY)/NN_<slug>.mp4, subtitles beside them, a clip per beat in clips/"
	@echo "  stills   $(OUT)/$(THEME)/$(QUALITY)/stills/ (one PNG per beat)"
	@echo "  deck     $(OUT)/$(THEME)/$(QUALITY)/decks/lecture.pdf"
	@echo "  figures  $(OUT)/figures/$(THEME)/ (matplotlib figures for slides)"

test:
	@bash scripts/setup.sh --test
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

test-fast:
	@bash scripts/setup.sh --test
	$(BIN)/python -m pytest -n 2 -m "not slow" $(PYTEST_ARGS)

# Measures render speed and memory on this machine into bench/RESULTS.md (about 50 minutes; not run by CI).
bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
