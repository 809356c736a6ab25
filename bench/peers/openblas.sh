#!/usr/bin/env bash
# Fetches Debian's OpenBLAS (OpenMP build) into bench/peers/openblas for the PyTorch peer only,
# as bench-spec describes (Debian's python3-torch otherwise uses the slow reference BLAS).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p openblas && cd openblas
apt-get download libopenblas0-openmp >/dev/null
dpkg -x libopenblas0-openmp_*.deb .
echo "OpenBLAS unpacked in $(pwd)"
