# The two set-up commands of the README: `make test` and `make demo`.
SWIFT ?= swift
CONFIG_DEMO ?= release

.PHONY: setup build test demo clean fixtures benchmark

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2

demo: setup
	$(SWIFT) build -c $(CONFIG_DEMO) --product matgrade
	@bash scripts/demo.sh "$$($(SWIFT) build -c $(CONFIG_DEMO) --show-bin-path)/matgrade"

# Regenerates the golden fixtures in Tests/Fixtures from pymatgen, in a throwaway venv.
fixtures:
	bash scripts/fixtures/run.sh

# Times matgrade against pymatgen, matminer and a plain Python grading harness; see benchmarks/RESULTS.md.
benchmark: setup
	$(SWIFT) build -c release --product matgrade
	$(SWIFT) build -c release --product neighbor-benchmark
	$(SWIFT) build -c release --product magpie-benchmark
	bash benchmarks/run.sh "$$($(SWIFT) build -c release --show-bin-path)"
	bash benchmarks/engine/run.sh "$$($(SWIFT) build -c release --show-bin-path)"
	bash benchmarks/hull/run.sh "$$($(SWIFT) build -c release --show-bin-path)"
	bash benchmarks/cgcnn/run.sh "$$($(SWIFT) build -c release --show-bin-path)"
	bash benchmarks/db/run.sh "$$($(SWIFT) build -c release --show-bin-path)"

clean:
	rm -rf .build
