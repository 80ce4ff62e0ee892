# Every target bootstraps .venv itself, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1

.PHONY: run test bench lint docs clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/phonesim $(ARGS)

test: $(STAMP)
	$(HEADLESS) $(BIN)/python -m pytest $(ARGS)

bench: $(STAMP)
	$(HEADLESS) $(BIN)/python benchmarks/engine.py
	$(HEADLESS) $(BIN)/python benchmarks/ui.py
	$(HEADLESS) $(BIN)/python benchmarks/validate.py
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/grader.py

lint: $(STAMP)
	$(BIN)/ruff check simulator tests benchmarks docs
	$(BIN)/ruff format --check simulator tests benchmarks docs

docs: $(STAMP)
	$(HEADLESS) $(BIN)/python docs/make_model_pages.py

clean:
	rm -rf $(VENV) build *.egg-info
