#!/usr/bin/env bash
# Re-runs the shared real OpenSim 4.3 runs of Arm26 through the managed engine (armrnn simulate) and compares them
# channel by channel (armrnn compare), writing the tables and overlay plots that docs/validation.md shows.
# Usage: scripts/validate-against-opensim.sh [reference folder] [output folder]
set -euo pipefail
cd "$(dirname "$0")/.."
reference=${1:-../shared/reference/opensim43}
out=${2:-docs/validation}
mkdir -p "$out"
dotnet build src/ArmRnn.Cli -c Release -v quiet --nologo
armrnn() { dotnet run --project src/ArmRnn.Cli -c Release --no-build -- "$@"; }
for run in "$reference"/*/; do
  name=$(basename "$run")
  initial=()
  [ -f "$run/initial_state.sto" ] && initial=(--initial-state "$run/initial_state.sto")
  armrnn simulate --model arm26 --controls "$run/controls.sto" --duration 1 --outputs all "${initial[@]}" \
    --out "$out/$name.sto"
  armrnn compare --reference "$run/states.sto" --actual "$out/$name.sto" --name "$name" \
    --markdown "$out/$name.md" --plots "$out"
done
