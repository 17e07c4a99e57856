#!/usr/bin/env bash
# Packs what ships into one folder (default artifacts/packages):
#   KcmCompose                   the library (.nupkg + .snupkg)
#   KcmCompose.Cli               the tool's pointer package (names the RID packages below)
#   KcmCompose.Cli.any           framework-dependent, for every platform without a native package (+ .snupkg)
#   KcmCompose.Cli.linux-x64     NativeAOT; needs clang and zlib1g-dev, and Linux x64 (no cross-compiling)
# The version comes from the git tags (MinVer). Install the tool from the folder with
#   dotnet tool install --global KcmCompose.Cli --add-source artifacts/packages [--prerelease]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/packages}")
mkdir -p "$out"
# A tool package takes everything in its publish folder: start from empty ones, so no file of an earlier run ships.
rm -rf src/KcmCompose.Cli/bin/Release/net10.0/*/publish
pack() { dotnet pack "$@" -c Release -o "$out" -p:ContinuousIntegrationBuild=true --nologo -v:q -clp:NoSummary; }
pack src/KcmCompose
pack src/KcmCompose.Cli
pack src/KcmCompose.Cli -r any
pack src/KcmCompose.Cli -r linux-x64
ls -1 "$out"
