#!/usr/bin/env python3
"""Whole-process cold-start benchmark: kcm-compose (NativeAOT, JIT, ReadyToRun) against Compose v2, Compose v1 and dclint.

Every command runs N times, interleaved (one round runs each command once, in a shuffled order), so that a
neighbour's load hits all of them alike. Prints a Markdown table of the median wall time, the ratio to
`docker compose config -q` on the same file and the median peak RSS (wait4's ru_maxrss, of the process and
its children that it waited for).

    python3 bench/coldstart.py [--runs 21] [--build]     # --build: dotnet build, R2R publish and AOT publish first

Run by hand, not in CI. Needs openssl; Compose v2/v1 and dclint are measured where found on PATH.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "artifacts", "bench")
CLI = os.path.join(REPO, "src", "KcmCompose.Cli")


def sh(*args, cwd=None):
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def build(force):
    """The three builds of kcm-compose a user can have: dotnet build, ReadyToRun publish, NativeAOT publish."""
    builds = {
        "jit": ["build", CLI, "-c", "Release"],
        "r2r": ["publish", CLI, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishAot=false",
                "-p:PublishReadyToRun=true"],
        "aot": ["publish", CLI, "-c", "Release", "-r", "linux-x64"],
    }
    for kind, arguments in builds.items():
        if force or not os.path.exists(os.path.join(OUT, kind, "kcm-compose")):
            sh("dotnet", *arguments, "-o", os.path.join(OUT, kind), "--nologo", "-v:q")


def make_stacks(tool, root):
    """One folder per client CA key (RSA-4096, RSA-2048, EC P-384), each with the emitted KCM stack mounting it."""
    keys = {"rsa4096": ["-newkey", "rsa:4096"], "rsa2048": ["-newkey", "rsa:2048"],
            "ec384": ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"]}
    stacks = {}
    for name, key in keys.items():
        folder = os.path.join(root, name)
        os.makedirs(folder)
        sh("openssl", "req", "-x509", *key, "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "365",
           "-subj", f"/CN=Bench {name}", "-addext", "basicConstraints=critical,CA:TRUE",
           "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
        sh(tool, "emit", "--hostname", "kcm.example.com", "--client-ca", "./ca.pem", "-o", "docker-compose.yml", cwd=folder)
        stacks[name] = folder
    return stacks


def run_once(argv, cwd):
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, process.returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--build", action="store_true")
    options = parser.parse_args()
    build(options.build)

    aot, jit, r2r = (os.path.join(OUT, kind, "kcm-compose") for kind in ("aot", "jit", "r2r"))
    root = tempfile.mkdtemp(prefix="kcm-coldstart-")
    try:
        stacks = make_stacks(aot, root)
        commands = []  # (label, group, argv, cwd, expected exit)
        for name, folder in stacks.items():
            file = "docker-compose.yml"
            commands += [
                (f"kcm-compose validate, NativeAOT", name, [aot, "validate", file], folder, 0),
                (f"kcm-compose validate, ReadyToRun", name, [r2r, "validate", file], folder, 0),
                (f"kcm-compose validate, JIT (dotnet build)", name, [jit, "validate", file], folder, 0),
            ]
            if shutil.which("docker"):
                commands.append(("docker compose config -q (Compose v2)", name, ["docker", "compose", "-f", file, "config", "-q"], folder, 0))
        rsa = stacks["rsa4096"]
        if shutil.which("docker-compose"):
            commands.append(("docker-compose config -q (Compose v1)", "rsa4096", ["docker-compose", "-f", "docker-compose.yml", "config", "-q"], rsa, 0))
        if shutil.which("dclint"):
            commands.append(("dclint", "rsa4096", ["dclint", "docker-compose.yml"], rsa, None))
        for label, tool in (("NativeAOT", aot), ("ReadyToRun", r2r), ("JIT (dotnet build)", jit)):
            commands.append((f"kcm-compose --version, {label}", "-", [tool, "--version"], root, 0))
            commands.append((f"kcm-compose emit, {label}", "-", [tool, "emit", "--hostname", "kcm.example.com", "--client-ca", "/x/ca.pem"], root, 0))

        times = {i: [] for i in range(len(commands))}
        peaks = {i: [] for i in range(len(commands))}
        for i, (label, group, argv, cwd, expected) in enumerate(commands):  # warm the page cache once
            _, _, code = run_once(argv, cwd)
            if expected is not None and code != expected:
                sys.exit(f"{label} ({group}) exited {code}, expected {expected}: {' '.join(argv)}")
        for _ in range(options.runs):
            order = list(range(len(commands)))
            random.shuffle(order)
            for i in order:
                elapsed, peak, _ = run_once(commands[i][2], commands[i][3])
                times[i].append(elapsed)
                peaks[i].append(peak)

        baseline = {}
        for i, (label, group, *_rest) in enumerate(commands):
            if label.startswith("docker compose config"):
                baseline[group] = statistics.median(times[i])
        print(f"{options.runs} interleaved runs, medians, {os.cpu_count()} cores\n")
        print("| command | client CA | wall (ms) | / Compose v2 | peak RSS (MiB) |")
        print("| --- | --- | ---: | ---: | ---: |")
        for i, (label, group, *_rest) in enumerate(commands):
            median = statistics.median(times[i])
            ratio = f"{median / baseline[group]:.2f}" if group in baseline else ""
            print(f"| {label} | {group} | {median * 1000:.0f} | {ratio} | {statistics.median(peaks[i]) / 1024:.1f} |")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
