# Shortcuts for everyday work; the scripts they call work without make too.
VENV := .venv
PYTHON := $(VENV)/bin/python
RUFF := $(VENV)/bin/ruff
# Stands for "the .venv with requirements-dev.txt installed".
DEV_TOOLS := $(RUFF)
LANGUAGES := kk ru en

.PHONY: serve test lint format messages ci

serve:
	./scripts/serve

# Extra pytest arguments: make test ARGS="-x -k slug"
test:
	./scripts/test $(ARGS)

lint: $(DEV_TOOLS)
	$(RUFF) check .
	$(RUFF) format --check .

format: $(DEV_TOOLS)
	$(RUFF) check --fix .
	$(RUFF) format .

# newsroom/ is left out on purpose: newsroom/locale holds hand-kept
# translations of Django's and the third-party apps' strings, which
# makemessages would mark obsolete because no project file contains them.
# Everything else (the articles app and the top-level templates/) goes to
# articles/locale.
messages: $(DEV_TOOLS)
	$(PYTHON) manage.py makemessages $(addprefix --locale=,$(LANGUAGES)) \
		--ignore=.venv --ignore=newsroom --ignore=staticfiles --ignore=tests \
		--add-location=file
	$(PYTHON) manage.py compilemessages --ignore=.venv

ci:
	bash .ci/run

$(DEV_TOOLS):
	bash -c 'source scripts/lib/setup.sh && ensure_system_packages && ensure_venv \
		&& install_requirements requirements-dev.txt && ensure_env_file'
