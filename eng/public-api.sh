#!/usr/bin/env bash
# Records additions to (RS0016) and removals from (RS0017) the public API in PublicAPI.Unshipped.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet format analyzers src/KcmCompose/KcmCompose.csproj --diagnostics RS0016 RS0017 --severity info
