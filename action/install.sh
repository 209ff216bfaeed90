#!/usr/bin/env bash
# action.yml, step 1: install mlops-maturity into a virtual environment of its own (the job's
# Python packages are left alone) and put its bin folder on the job's PATH.
# MM_VERSION: a version from PyPI; empty installs the copy at GITHUB_ACTION_PATH, which is the
# ref named in `uses:`.
set -euo pipefail
venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mlops-maturity-venv"
python3 -m venv "$venv"
if [ -n "${MM_VERSION:-}" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "mlops-maturity==${MM_VERSION#v}"
else
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "${GITHUB_ACTION_PATH:?the folder of the action}"
fi
echo "$venv/bin" >> "${GITHUB_PATH:?}"
"$venv/bin/mlops-maturity" --version
