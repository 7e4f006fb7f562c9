#!/usr/bin/python3
"""GRU step throughput in PyTorch: the operations of benchmarks/ArmRnn.Benchmarks/GruBenchmarks.cs, for comparison.

nn.GRU over a 100-step sequence and GRUCell stepped 100 times, input size 6 (ArmNet's excitations), hidden 256 and
1024, batch 1, 32 and 128, forward and forward+backward; plus the machine's float32 matrix-multiply rate (the physical
limit for these sizes). Prints a markdown table of microseconds per step, steps per second and GFLOP/s.

Usage: /usr/bin/python3 benchmarks/pytorch/gru_benchmark.py [--threads N] [--repeats R] [--json FILE]
With --json the numbers are also written to FILE (read by benchmarks/compare_gru.py, which runs this script and the
BenchmarkDotNet suite back to back and writes the ratio table).
Use Debian's python3-torch with libopenblas0-openmp (without it PyTorch falls back to the slow reference BLAS), the
same thread count as the .NET run, and an idle machine.
"""

import argparse
import json
import os
import statistics
import tempfile
import time

import torch
from torch import nn

STEPS = 100
INPUTS = 6


def gru_flops(hidden, batch, backward):
    """Multiply-add FLOPs (2 per MAC) of one GRU step: 3 gates x (input + hidden) x hidden per sequence."""
    forward = 2 * 3 * hidden * (INPUTS + hidden) * batch
    return forward * (3 if backward else 1)


def timings(fn, repeats):
    """(median, minimum) seconds of `repeats` calls after one warm-up call: the statistics BenchmarkDotNet's Median and
    Min columns report for the .NET side, so the two are compared like with like."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def run_sequence(gru, x, h0, backward):
    def go():
        out, _ = gru(x, h0)
        loss = out.sum()
        if backward:
            gru.zero_grad()
            loss.backward()
        return loss.item()
    return go


def run_cell(cell, x, h0, backward):
    def go():
        h = h0
        total = torch.zeros(1)
        for t in range(STEPS):
            h = cell(x[:, t], h)
            total = total + h.sum()
        if backward:
            cell.zero_grad()
            total.backward()
        return total.item()
    return go


def matmul_peak(repeats):
    a = torch.rand(1024, 1024)
    b = torch.rand(1024, 1024)
    median, best = timings(lambda: torch.mm(a, b), repeats * 4)
    return 2 * 1024 ** 3 / median / 1e9, 2 * 1024 ** 3 / best / 1e9


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json", help="also write the numbers to this file (JSON, written atomically)")
    args = parser.parse_args()
    rows = []
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    print(f"PyTorch {torch.__version__}, {args.threads} thread(s)")
    median_rate, best_rate = matmul_peak(args.repeats)
    print(f"float32 1024x1024 matmul: {median_rate:.1f} GFLOP/s (median), {best_rate:.1f} GFLOP/s (best)")
    print()
    print("| operation | hidden | batch | backward | us/step (median) | us/step (min) | steps/s | GFLOP/s |")
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for hidden in (256, 1024):
        for batch in (1, 32, 128):
            for backward in (False, True):
                gru = nn.GRU(INPUTS, hidden, batch_first=True)
                cell = nn.GRUCell(INPUTS, hidden)
                x = torch.rand(batch, STEPS, INPUTS)
                for name, fn in (("GRU sequence", run_sequence(gru, x, torch.zeros(1, batch, hidden), backward)),
                                 ("GRUCell steps", run_cell(cell, x, torch.zeros(batch, hidden), backward))):
                    if not backward:
                        with torch.no_grad():
                            seconds, best = timings(fn, args.repeats)
                    else:
                        seconds, best = timings(fn, args.repeats)
                    per_step = seconds / STEPS
                    gflops = gru_flops(hidden, batch, backward) / per_step / 1e9
                    print(f"| {name} | {hidden} | {batch} | {'yes' if backward else 'no'} | {per_step * 1e6:.1f} | {best / STEPS * 1e6:.1f} | {1 / per_step:.0f} | {gflops:.1f} |")
                    rows.append({"operation": name, "hidden": hidden, "batch": batch, "backward": backward,
                                 "median_us": per_step * 1e6, "min_us": best / STEPS * 1e6})
    if args.json:
        write_json(args.json, {"torch_version": torch.__version__, "threads": args.threads,
                               "matmul_gflops": {"median": median_rate, "best": best_rate}, "rows": rows})


def write_json(path, value):
    """Writes `value` to `path` through a temporary file in the same folder and a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".gru_benchmark.", suffix=".tmp")
    with os.fdopen(handle, "w") as stream:
        json.dump(value, stream, indent=1)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temporary, 0o666 & ~mask)  # mkstemp makes the file private; give it the usual permissions
    os.replace(temporary, path)


if __name__ == "__main__":
    main()
