# Criticality — the two commands a new machine needs are `make figures` and `make test`;
# both install what is missing first (`make deps`).

SWIFT        ?= swift
PROFILE      ?= default
# A Results view belongs to one store and profile: the default profile's is Results/, another
# profile's Results-<profile>/, so `PROFILE=quick make figures` never meets the default's view.
RESULTS      ?= $(if $(filter default,$(PROFILE)),Results,Results-$(PROFILE))
JOBS         ?= $(shell nproc)
# CIFAR10=<folder of cifar-10-batches-bin> declares CIFAR-10 for 002 Fig. 2's right panel.
CIFAR10      ?=
DATA_DIRS    := $(if $(CIFAR10),--data-dir cifar10=$(CIFAR10))
CRITICALITY  := .build/release/criticality
VENV         := .venv
PYTHON_PKGS  := h5py xarray h5netcdf numpy roc-validator rocrate
DEBIAN_PKGS  := libhdf5-dev libopenblas-dev liblapacke-dev libfftw3-dev gnuplot-nox hdf5-tools \
                dataset-fashion-mnist pkg-config python3 python3-venv zlib1g-dev chromium strace

.PHONY: all deps build figures test bench crashtest status report archive clean venv

all: figures

## deps: install the missing Debian packages (as root), or print the apt-get line to run.
deps:
	@missing=""; for p in $(DEBIAN_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing"; \
	    echo "Install them with:  sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

## build: the release binaries (criticality and the benchmark).
build: deps
	$(SWIFT) build -c release

## figures: every pipeline, default profile (PROFILE=quick|default|paper, JOBS=N, CIFAR10=<folder>).
figures: build
	$(CRITICALITY) run --profile $(PROFILE) --results $(RESULTS) --jobs $(JOBS) $(DATA_DIRS)

## status: what is stale, and why.
status: build
	$(CRITICALITY) status --profile $(PROFILE) --results $(RESULTS) $(DATA_DIRS)

## report: Results/report/index.html, every figure with its caption and provenance (computes nothing).
report: build
	$(CRITICALITY) report --profile $(PROFILE) --results $(RESULTS) $(DATA_DIRS)

## archive: Results/archive/criticality-<profile>.zip, a Workflow Run RO-Crate of the results.
archive: build
	$(CRITICALITY) archive --profile $(PROFILE) --results $(RESULTS) $(DATA_DIRS)

## test: the whole test suite, including interop with h5py/xarray and the real gnuplot and h5dump.
test: deps venv
	CRITICALITY_PYTHON=$(CURDIR)/$(VENV)/bin/python $(SWIFT) test

## bench: tables of measured throughput next to same-run peers (NumPy peers run in the venv;
## the SLURM table needs `scripts/slurm-local start` and its env first). SECTIONS=… picks tables.
bench: build venv
	CRITICALITY_PYTHON=$(CURDIR)/$(VENV)/bin/python .build/release/CriticalityBench $(SECTIONS)

## crashtest: N SIGKILLs of `run --profile quick` at random moments (half on partially filled
## stores), and REVERT kills of a run with `--set OVERRIDE` over a complete store at exact
## rename/unlink/rmdir points (strace), each trial rerun to completion and compared byte for byte
## with a reference run. PIPELINES defaults to the nine theory and simulation pipelines (19 kills
## took 10 min with a debug build; training's cells are long computations with little file work);
## PIPELINES= (empty) runs every pipeline. SEED=… redraws the moments.
N         ?= 50
REVERT    ?= 10
OVERRIDE  ?= 002-layer-maps/trajectories.layers=30
SEED      ?= 1
PIPELINES ?= 001-phase-diagram 002-depth-scales 002-fig5-sigmoid 002-layer-maps 002-cnn-modes \
             003-lattice 002-finite-width 002-dynamical-isometry 003-fig1-norms
crashtest: build
	python3 scripts/crash-campaign.py --binary $(CRITICALITY) --kills $(N) --seed $(SEED) \
	  --revert-kills $(REVERT) --override $(OVERRIDE) --at-file-ops $(if $(PIPELINES),--pipelines $(PIPELINES))

## venv: the Python readers the interop tests use, from PyPI, in a git-ignored folder.
# The stamp names the package list, so adding a reader reinstalls.
VENV_STAMP := $(VENV)/.installed-$(shell echo '$(PYTHON_PKGS)' | cksum | cut -d' ' -f1)
venv: $(VENV_STAMP)
$(VENV_STAMP):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PYTHON_PKGS)
	touch $@

## clean: remove the Results view and build products (the store keeps its entries).
clean:
	-$(CRITICALITY) clean --results $(RESULTS)
	rm -rf .build
