#!/usr/bin/env bash
# Wrap "dist/Deriv Desktop.app" (made by PyInstaller from packaging/pyinstaller/deriv-desktop.spec
# on macOS) into dist/deriv-desktop-<version>-macos.dmg: the app plus an /Applications link, so
# installing is a drag and drop. macOS only (hdiutil, PlistBuddy).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

app="dist/Deriv Desktop.app"
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
if [[ ! -d $app ]]; then
    echo "error: $app not found; run PyInstaller with packaging/pyinstaller/deriv-desktop.spec first" >&2
    exit 1
fi

# The bundle must carry what the spec was meant to give it.
plist="$app/Contents/Info.plist"
scheme=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleURLTypes:0:CFBundleURLSchemes:0' "$plist")
bundle_version=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$plist")
if [[ $scheme != derivdesktop || $bundle_version != "$version" ]]; then
    echo "error: $plist declares scheme '$scheme' and version '$bundle_version'" >&2
    exit 1
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
dmg="dist/deriv-desktop-$version-macos.dmg"
hdiutil create -volname "Deriv Desktop $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
hdiutil verify "$dmg"
echo "built $dmg ($(du -h "$dmg" | cut -f1))"
