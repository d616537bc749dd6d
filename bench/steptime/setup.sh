#!/usr/bin/env bash
# Installs the PyTorch reference of the step-time benchmark: Debian's python3-torch (1.13.1 on bookworm), used with
# /usr/bin/python3 (not a pyenv or venv python, which would not see Debian's packages), and OpenBLAS. Debian's torch
# is built against the generic libblas.so.3; with the reference BLAS (what python3-torch pulls in) its matrix
# products run several times slower than any tuned build, which would flatter DJL. libopenblas0-openmp registers
# itself as the system libblas.so.3 (Debian's alternatives); bench/steptime.sh also points the loader at it.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
[ -e /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3 ] || need+=(libopenblas0-openmp)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: run as root: apt-get install -y ${need[*]}" >&2
  exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
/usr/bin/python3 -c 'import torch; print("setup: torch", torch.__version__)'
