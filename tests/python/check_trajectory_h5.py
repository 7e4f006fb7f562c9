#!/usr/bin/python3
"""Checks an ArmRnn HDF5 trajectory file with h5py, independently of the .NET reader.

Usage: check_trajectory_h5.py FILE.h5 EXPECTED.json

EXPECTED.json (written by the .NET test that wrote FILE.h5) holds:
  batch_size, steps, channels, excitations, task_inputs  (ints)
  dt (float), generation (int), layout_name (str)
  channel_names, channel_units, channel_groups, excitation_names, task_input_names (lists of str)
  provenance (object of str -> str)
  values: list of {"dataset": name, "index": [i, j, ...], "value": float}

Every check compares exactly (JSON carries doubles at full precision). Exit code 0 when all checks pass;
otherwise each failure is printed to stderr and the exit code is 1.
"""

import json
import sys

import h5py
import numpy as np


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2

    path, expected_path = argv[1], argv[2]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)

    failures = []

    def check(condition, message):
        if not condition:
            failures.append(message)

    with h5py.File(path, "r") as f:
        b, t, c = expected["batch_size"], expected["steps"], expected["channels"]
        m, k = expected["excitations"], expected["task_inputs"]
        shapes = {
            "initial_states": (b, c),
            "states": (b, t, c),
            "excitations": (b, t, m),
            "task_inputs": (b, t, k),
            "time": (t,),
        }
        for name, shape in shapes.items():
            check(name in f, f"dataset {name!r} is missing")
            if name in f:
                check(f[name].shape == shape, f"{name}: shape {f[name].shape}, expected {shape}")
                check(f[name].dtype == np.float64, f"{name}: dtype {f[name].dtype}, expected float64")

        attrs = f.attrs
        check(attrs.get("format") == "armrnn-trajectories", f"format attribute is {attrs.get('format')!r}")
        check(int(attrs.get("format_version", -1)) == 1, f"format_version is {attrs.get('format_version')!r}")
        check(float(attrs["dt"]) == expected["dt"], f"dt is {attrs['dt']!r}, expected {expected['dt']!r}")
        check(int(attrs["generation"]) == expected["generation"], f"generation is {attrs['generation']!r}")
        check(attrs["layout_name"] == expected["layout_name"], f"layout_name is {attrs['layout_name']!r}")
        check(int(attrs["batch_size"]) == b, f"batch_size attribute is {attrs['batch_size']!r}")
        check(int(attrs["steps"]) == t, f"steps attribute is {attrs['steps']!r}")

        for name in ("channel_names", "channel_units", "channel_groups", "excitation_names", "task_input_names"):
            actual = [s for s in f[name].asstr()[...]] if f[name].shape[0] > 0 else []
            check(actual == expected[name], f"{name}: {actual!r}, expected {expected[name]!r}")

        provenance = {key: value for key, value in f["provenance"].attrs.items()}
        check(provenance == expected["provenance"], f"provenance: {provenance!r}, expected {expected['provenance']!r}")

        time = f["time"][...]
        dt = expected["dt"]
        for step in range(t):
            check(time[step] == (step + 1) * dt, f"time[{step}] is {time[step]!r}, expected {(step + 1) * dt!r}")

        for item in expected["values"]:
            name, index, value = item["dataset"], tuple(item["index"]), item["value"]
            actual = float(f[name][index])
            check(actual == value, f"{name}{list(index)} is {actual!r}, expected {value!r}")

    for failure in failures:
        print(f"{path}: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
