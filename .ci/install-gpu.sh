#!/usr/bin/env bash
# Installs what the WebGPU tests need on a GPU-less Debian bookworm machine (CI runs as root):
# Mesa's software Vulkan driver (lavapipe) from bookworm-backports, because bookworm's own Mesa
# 22.3 is refused by Dawn (npm `webgpu`), and Debian's chromium for the browser example's test.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail

if [ "$(id -u)" != "0" ]; then echo "install-gpu.sh: not root, skipping (tests will fail if the stack is missing)"; exit 0; fi

src=/etc/apt/sources.list.d/debian.sources
bp=/etc/apt/sources.list.d/tsgrad-backports.sources
need_update=0
if [ ! -f "$bp" ]; then
  # the machine's own main-archive entry, with the backports suite instead of its suites
  awk 'BEGIN{RS="";ORS="\n\n"} /debian-security/ {next} {print}' "$src" \
    | sed -E 's/^Suites:.*/Suites: bookworm-backports/' > "$bp"
  need_update=1
fi

lvp_ok() { ls /usr/share/vulkan/icd.d/lvp_icd*.json >/dev/null 2>&1 && dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null | grep -q '^2[3-9]\|^[3-9]'; }
if ! lvp_ok || ! command -v chromium >/dev/null 2>&1; then need_update=1; fi

if [ "$need_update" = 1 ]; then apt-get update -qq; fi
if ! lvp_ok; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -t bookworm-backports mesa-vulkan-drivers libvulkan1
fi
if ! command -v chromium >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
echo "install-gpu.sh: lavapipe $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers), $(chromium --version 2>/dev/null || echo 'no chromium')"
