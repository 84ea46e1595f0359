# Yimatong (一码通) — every target installs what it needs; all targets are idempotent.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
PLUGIN    := yimatong_plugin
TS        := $(PLUGIN)/i18n/yimatong_zh_CN.ts
QM        := $(PLUGIN)/i18n/yimatong_zh_CN.qm
export QT_QPA_PLATFORM ?= offscreen
export PYTHONPATH := $(CURDIR):/usr/share/qgis/python/plugins:$(PYTHONPATH)
export PYTHONDONTWRITEBYTECODE := 1
# pyproj looks for proj.db under the venv's prefix; point it at Debian's PROJ data
export PROJ_DATA ?= /usr/share/proj

.PHONY: help setup system venv test test-ltr lint unit qgis-tests demo serve package screenshot ts qm bench clean

help:
	@echo "make demo        compliance review and site selection on the bundled Changde sample data"
	@echo "make test        lint + the whole test suite, headless"
	@echo "make test-ltr    the whole test suite on QGIS 3.40 LTR (Debian 13 chroot, root)"
	@echo "make serve       the exchange service on the sample library (127.0.0.1:8765)"
	@echo "make package     build dist/yimatong_plugin-<version>.zip for Install from ZIP"
	@echo "make screenshot  start the real QGIS desktop under Xvfb (zh_CN) and save PNGs"
	@echo "make ts          refresh the zh_CN .ts from the sources;  make qm  compile it"
	@echo "make bench       run the benchmarks in benchmarks/"

setup: system venv qm

system:
	@bash scripts/setup_system.sh

$(VENV)/.installed: requirements-dev.txt requirements-common.txt
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv: system $(VENV)/.installed

ts:
	/usr/bin/python3 scripts/i18n.py update

# write to a temporary file and rename: a running QGIS keeps the old file mapped
$(QM): $(TS)
	lrelease -silent $(TS) -qm $(QM).tmp && mv -f $(QM).tmp $(QM)

qm: system $(QM)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	/usr/bin/python3 scripts/i18n.py check

test: setup lint
	$(PY) -m pytest -q tests

# the same suite on QGIS 3.40 LTR in a Debian 13 chroot, built once and reused
# (scripts/ltr_chroot.sh; YMT_LTR_ROOT chooses where; lint runs once, in `make test`)
test-ltr: qm
	bash scripts/ltr_chroot.sh test tests

unit: venv
	$(PY) -m pytest -q tests/unit

qgis-tests: setup
	$(PY) -m pytest -q tests/qgis

demo: setup
	$(PY) scripts/demo.py

serve: setup
	$(PY) scripts/serve_demo.py

package: setup
	$(PY) scripts/package.py

screenshot: setup
	bash scripts/screenshot.sh

bench: setup
	$(PY) benchmarks/run_all.py

clean:
	rm -rf build dist demo_output .pytest_cache .ruff_cache $(QM)
