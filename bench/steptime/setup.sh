#!/usr/bin/env bash
# Installs the PyTorch reference of the step-time benchmark: Debian's python3-torch (1.13.1 on bookworm), used
# with /usr/bin/python3 (not a pyenv or venv python, which would not see Debian's packages).
set -euo pipefail
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "setup: torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: run as root (apt-get install -y python3-torch)" >&2
  exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch
/usr/bin/python3 -c 'import torch; print("setup: torch", torch.__version__)'
