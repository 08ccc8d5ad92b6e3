#!/usr/bin/env bash
# CI for the Python front end (python/, examples/spark/): build the copydesk
# wheel with maturin into a venv, then run pytest over the package tests and
# the Spark example (local[2], synthetic WARC). pytest's exit code 5 ("no
# tests collected") fails the run like any other non-zero code.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${COPYDESK_VENV:-target/python-venv}
# --system-site-packages: reuse what the machine already has (pyspark is large);
# pip installs whatever is missing.
python3 -m venv --system-site-packages "$venv"
py="$venv/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$py" -m pip install -q 'maturin>=1.7,<2' pytest 'pyspark>=3.5' warcio pyarrow
# datatrove is optional: its test is skipped when it does not install.
"$py" -m pip install -q datatrove || echo "datatrove did not install: its test will be skipped" >&2

echo "== pip install ./python (maturin, release)"
"$py" -m pip install -q --no-build-isolation --force-reinstall --no-deps ./python
"$py" -c 'import copydesk; print("copydesk", copydesk.__version__, "from", copydesk.__file__)'

echo "== cargo test (python/: the Python-free parts, e.g. extract_many's ordered stream)"
PYO3_PYTHON="$PWD/$py" cargo test -q --manifest-path python/Cargo.toml

echo "== pytest python/tests examples/spark"
export SPARK_LOCAL_IP=127.0.0.1
rc=0
"$py" -m pytest -q -p no:cacheprovider --durations=3 python/tests examples/spark || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "pytest collected no tests: failing" >&2
    exit 1
fi
exit "$rc"
