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

messages: $(DEV_TOOLS)
	PY=$(PYTHON) ./scripts/messages

ci:
	bash .ci/run

$(DEV_TOOLS):
	bash -c 'source scripts/lib/setup.sh && ensure_system_packages && ensure_venv \
		&& install_requirements requirements-dev.txt && ensure_env_file'
