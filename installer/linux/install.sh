#!/usr/bin/env bash
# Install the one-folder bundle for the current user and register the .mutuality file type.
# Usage: installer/linux/install.sh [dist/mutuality-desktop]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bundle="${1:-$here/../../dist/mutuality-desktop}"
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$prefix/mutuality-desktop" "$HOME/.local/bin" "$prefix/applications" "$prefix/mime/packages"
cp -a "$bundle/." "$prefix/mutuality-desktop/"
ln -sf "$prefix/mutuality-desktop/mutuality-desktop" "$HOME/.local/bin/mutuality-desktop"
cp "$here/mutuality-desktop.desktop" "$prefix/applications/"
cp "$here/mutuality-desktop-mime.xml" "$prefix/mime/packages/"
for size in 16 24 32 48 64 128 256 512; do
  png="$here/../../build/icons/mutuality-desktop-$size.png"
  [ -f "$png" ] || continue
  mkdir -p "$prefix/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$prefix/icons/hicolor/${size}x${size}/apps/mutuality-desktop.png"
done
command -v update-mime-database >/dev/null && update-mime-database "$prefix/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "Installed. Double-click a .mutuality file or run: mutuality-desktop"
