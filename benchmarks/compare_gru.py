#!/usr/bin/python3
"""Side-by-side GRU step throughput: ArmRnn's BenchmarkDotNet suite against the same operations in PyTorch.

Runs, back to back on this machine, the TorchSharp benchmarks (GruBenchmarks and GruMatmulPeakBenchmarks, one and two
threads) and benchmarks/pytorch/gru_benchmark.py at one and at two threads, then writes one markdown table per thread
count: microseconds per step of both (median), their ratio (ours / PyTorch: above 1, ours is slower) of medians and of
minima, our GFLOP/s and its share of the machine's measured matrix-multiply peak (the better of the two libraries'
1024^3 float32 product at that thread count), like for like: our median step against the median product, our
fastest step against the fastest product (this machine's timings swing by up to 40% from one minute to the next, so a
median measured against a best would count the noise as inefficiency).

Usage:
  /usr/bin/python3 benchmarks/compare_gru.py [--update DOC] [--out FILE]
      runs everything (about 20 minutes on 2 cores; keep the machine otherwise idle)
  /usr/bin/python3 benchmarks/compare_gru.py --dotnet-csv GRU.csv --peak-csv PEAK.csv --pytorch-json T1.json T2.json
      only composes the tables from earlier results (BenchmarkDotNet's *-report.csv files and the JSON that
      gru_benchmark.py --json writes)

--update DOC replaces the text between the lines "<!-- compare_gru:begin -->" and "<!-- compare_gru:end -->" of DOC
(for example docs/benchmarks.md); --out FILE writes the tables to FILE; without either they are printed. Files are
written through a temporary file and a rename. Needs Debian's python3-torch with libopenblas0-openmp for the PyTorch
side.
"""

import argparse
import csv
import datetime
import json
import math
import os
import platform
import subprocess
import sys
import tempfile

STEPS_INPUTS = 6
BEGIN = "<!-- compare_gru:begin -->"
END = "<!-- compare_gru:end -->"
OPERATIONS = {"GruSequence": "GRU sequence", "GruCellSteps": "GRUCell steps"}
UNITS = {"ns": 1e-3, "us": 1.0, "\u03bcs": 1.0, "\u00b5s": 1.0, "ms": 1e3, "s": 1e6}


def microseconds(text, where):
    """A BenchmarkDotNet time such as '48.93 \u03bcs' or '1,234.5 ms', in microseconds."""
    parts = text.strip().replace(",", "").split()
    if len(parts) != 2 or parts[1] not in UNITS:
        raise ValueError(f"{where}: expected a time such as '48.93 us', got '{text}'")
    return float(parts[0]) * UNITS[parts[1]]


def gru_flops(hidden, batch, backward):
    """FLOPs of one GRU step (2 per multiply-add): 3 gates x (input + hidden) x hidden per sequence; backward as twice
    the forward again."""
    forward = 2 * 3 * hidden * (STEPS_INPUTS + hidden) * batch
    return forward * (3 if backward else 1)


def read_dotnet(path):
    """Rows of a GruBenchmarks report: {(operation, hidden, batch, backward, threads): (median_us, min_us)}."""
    rows = {}
    with open(path, newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        needed = {"Method", "Hidden", "Batch", "Backward", "Threads", "Median", "Min"}
        missing = needed - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)} (a GruBenchmarks report with Median and Min)")
        for line, row in enumerate(reader, start=2):
            if row["Method"] not in OPERATIONS:
                continue
            key = (OPERATIONS[row["Method"]], int(row["Hidden"]), int(row["Batch"]), row["Backward"] == "True", int(row["Threads"]))
            where = f"{path}, line {line}"
            rows[key] = (microseconds(row["Median"], where), microseconds(row["Min"], where))
    if not rows:
        raise ValueError(f"{path}: no GruSequence or GruCellSteps rows")
    return rows


def read_peak(path):
    """1024^3 matmul rates (GFLOP/s) per thread count from a GruMatmulPeakBenchmarks report:
    {threads: {"median": rate, "best": rate}}."""
    rates = {}
    with open(path, newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        missing = {"Threads", "Median", "Min"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)} (a GruMatmulPeakBenchmarks report)")
        for line, row in enumerate(reader, start=2):
            where = f"{path}, line {line}"
            rates[int(row["Threads"])] = {statistic: 2 * 1024 ** 3 / (microseconds(row[column], where) * 1e-6) / 1e9
                                          for statistic, column in (("median", "Median"), ("best", "Min"))}
    return rates


def read_pytorch(paths):
    """({(operation, hidden, batch, backward, threads): (median_us, min_us)},
    {threads: {"median": matmul GFLOP/s, "best": matmul GFLOP/s}}, torch version) from gru_benchmark.py --json files."""
    rows, peaks, version = {}, {}, None
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
        try:
            threads = int(data["threads"])
            peaks[threads] = {statistic: float(data["matmul_gflops"][statistic]) for statistic in ("median", "best")}
            version = data["torch_version"]
            for row in data["rows"]:
                key = (row["operation"], int(row["hidden"]), int(row["batch"]), bool(row["backward"]), threads)
                rows[key] = (float(row["median_us"]), float(row["min_us"]))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}: not a gru_benchmark.py --json file ({error!r})") from error
    return rows, peaks, version


def tables(ours, ours_peak, theirs, theirs_peak, version, stamp):
    """The markdown section: a peak table, one comparison table per thread count, and the counts against the targets."""
    lines = [f"Measured {stamp} by `benchmarks/compare_gru.py` (BenchmarkDotNet `--job short --iterationCount 7`; "
             f"PyTorch {version}, 7 repetitions after a warm-up). Ratio = ours / PyTorch (above 1: ours slower).", ""]
    lines += ["| threads | TorchSharp matmul, median / best | PyTorch matmul, median / best | peak used, median / best |",
              "| ---: | ---: | ---: | ---: |"]
    threads_all = sorted({key[4] for key in ours} & {key[4] for key in theirs})
    missing = {"median": float("nan"), "best": float("nan")}
    peak = {}
    for threads in threads_all:
        mine, others = ours_peak.get(threads, missing), theirs_peak.get(threads, missing)
        peak[threads] = {statistic: max(mine[statistic], others[statistic], key=lambda rate: 0.0 if math.isnan(rate) else rate)
                         for statistic in ("median", "best")}
        lines.append(f"| {threads} | {mine['median']:.1f} / {mine['best']:.1f} GFLOP/s | {others['median']:.1f} / "
                     f"{others['best']:.1f} GFLOP/s | {peak[threads]['median']:.1f} / {peak[threads]['best']:.1f} GFLOP/s |")
    summary = []
    for threads in threads_all:
        lines += ["", f"**{threads} thread(s)**", "",
                  "| operation | H | B | backward | ours µs | PyTorch µs | ratio | ratio of minima | ours GFLOP/s | "
                  "% of peak, medians / minima |",
                  "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        slower, best_shares = [], None
        for key in sorted(k for k in ours if k[4] == threads and k in theirs):
            operation, hidden, batch, backward, _ = key
            (our_median, our_min), (their_median, their_min) = ours[key], theirs[key]
            ratio, ratio_min = our_median / their_median, our_min / their_min
            flops = gru_flops(hidden, batch, backward)
            gflops = flops / (our_median * 1e-6) / 1e9
            shares = (100 * gflops / peak[threads]["median"], 100 * flops / (our_min * 1e-6) / 1e9 / peak[threads]["best"])
            if ratio > 1.10:
                slower.append(f"{operation} H{hidden} B{batch}{' fwd+bwd' if backward else ''} {ratio:.2f}")
            if hidden == 1024:
                best_shares = shares if best_shares is None else tuple(map(max, best_shares, shares))
            lines.append(f"| {operation} | {hidden} | {batch} | {'yes' if backward else 'no'} | {our_median:,.1f} | "
                         f"{their_median:,.1f} | {ratio:.2f} | {ratio_min:.2f} | {gflops:.1f} | {shares[0]:.0f}% / {shares[1]:.0f}% |")
        best = ("no hidden-1024 row" if best_shares is None else
                f"best hidden-1024 row: {best_shares[0]:.0f}% of the peak (medians), {best_shares[1]:.0f}% (minima)")
        summary.append(f"- {threads} thread(s): {len(slower)} row(s) slower than PyTorch by more than 10%"
                       f"{': ' + '; '.join(slower) if slower else ''}; {best}.")
    return "\n".join(lines + [""] + summary) + "\n"


def write_atomically(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".compare_gru.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temporary, 0o666 & ~mask)  # mkstemp makes the file private; give it the usual permissions
    os.replace(temporary, path)


def update_document(path, section):
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    begin, end = text.find(BEGIN), text.find(END)
    if begin < 0 or end < begin:
        raise ValueError(f"{path}: needs a line '{BEGIN}' followed by a line '{END}' to put the tables between")
    write_atomically(path, text[:begin + len(BEGIN)] + "\n" + section + text[end:])


def run_everything(root, folder):
    """Runs both suites back to back; returns the four result files."""
    artifacts = os.path.join(root, "BenchmarkDotNet.Artifacts", "results")
    subprocess.run(["dotnet", "run", "-c", "Release", "--project", os.path.join(root, "benchmarks", "ArmRnn.Benchmarks"), "--",
                    "--filter", "*GruBenchmarks*", "*GruMatmulPeak*", "--inProcess", "--job", "short", "--iterationCount", "7"],
                   check=True, cwd=root)
    jsons = []
    for threads in (1, 2):
        path = os.path.join(folder, f"pytorch-{threads}.json")
        subprocess.run(["/usr/bin/python3", os.path.join(root, "benchmarks", "pytorch", "gru_benchmark.py"),
                        "--threads", str(threads), "--json", path], check=True)
        jsons.append(path)
    return (os.path.join(artifacts, "ArmRnn.Benchmarks.GruBenchmarks-report.csv"),
            os.path.join(artifacts, "ArmRnn.Benchmarks.GruMatmulPeakBenchmarks-report.csv"), jsons)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dotnet-csv", help="a GruBenchmarks-report.csv instead of running the .NET suite")
    parser.add_argument("--peak-csv", help="a GruMatmulPeakBenchmarks-report.csv (with --dotnet-csv)")
    parser.add_argument("--pytorch-json", nargs="+", help="gru_benchmark.py --json files (with --dotnet-csv)")
    parser.add_argument("--update", help="replace the marked section of this markdown file")
    parser.add_argument("--out", help="write the tables to this file")
    parser.add_argument("--stamp", help="when and where it was measured (default: now, UTC, and this host)")
    args = parser.parse_args()
    given = [args.dotnet_csv, args.peak_csv, args.pytorch_json]
    if any(given) and not all(given):
        parser.error("--dotnet-csv, --peak-csv and --pytorch-json go together")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        if all(given):
            gru_csv, peak_csv, jsons = args.dotnet_csv, args.peak_csv, args.pytorch_json
            theirs, theirs_peak, version = read_pytorch(jsons)
        else:
            with tempfile.TemporaryDirectory(prefix="compare_gru.") as folder:
                gru_csv, peak_csv, jsons = run_everything(root, folder)
                theirs, theirs_peak, version = read_pytorch(jsons)
        stamp = args.stamp or f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node()}"
        section = tables(read_dotnet(gru_csv), read_peak(peak_csv), theirs, theirs_peak, version, stamp)
        if args.update:
            update_document(args.update, section)
        if args.out:
            write_atomically(args.out, section)
        if not args.update and not args.out:
            sys.stdout.write(section)
    except (OSError, ValueError, subprocess.CalledProcessError) as error:
        sys.stderr.write(f"compare_gru: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
