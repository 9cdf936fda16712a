#!/usr/bin/env python3
"""Crash campaign: SIGKILL `criticality run` at random moments, rerun, compare with a reference.

What a database crash test does, for the store and the Results view: one reference run to
completion, then trials of two kills each (the first on an empty store, the second on the store
the first left partially filled), each at a moment drawn uniformly over the reference run's
duration, then a rerun to completion and a second rerun that must compute nothing. Everything
runs with relative paths in its own folder, so reference and trials write the same bytes.

Counts (the first four describe the campaign; the others are defects and must be 0):
  kills                    SIGKILLs delivered to a run still running (the whole process group,
                           as a machine crash would: no orphaned gnuplot writes afterwards)
  … on partially filled stores, … of an edited run over a complete store (below)
  finished before kill     runs that ended before their kill moment or file operation
  corrupt entries          store entries, right after a kill, without a readable manifest or
                           whose outputs do not match it (missing, extra or changed files)
  stale results reused     after the rerun, a stage's current key or its entry's output bytes
                           differ from the reference's
  finished stages lost     entries complete after a kill that the rerun removed or recomputed
  Results mismatches       files of the Results view missing, extra or different from the
                           reference's after the rerun
  reruns failed            reruns (to completion) that exited non-zero
  reruns not idempotent    second reruns that still ran a stage or changed the Results view
Defects are counted per entry, stage or file; `trials with a defect` counts the trials (one or
two kills each) that showed any.

With --revert-kills M --override SET, M more trials start from a copy of the reference's
complete store and view, kill a run with `--set SET` (at a random moment, or with --at-file-ops
at an exact rename/unlink/rmdir drawn from a traced run, injected by strace), then rerun with the
reference's settings, which must reproduce the reference byte for byte: a view left half new
by the kill must be repaired, not kept.

Usage: scripts/crash-campaign.py --binary .build/release/criticality --kills 50
           [--revert-kills 25 --override 002-layer-maps/trajectories.layers=30 [--at-file-ops]]
           [--pipelines 001-phase-diagram 002-layer-maps …] [--seed 1] [--json report.json]
Before the trials, the checks are shown a copy of the reference with one byte flipped in a
store output and one in a Results file, and must flag both (else the script stops).
Exit status: 0 when every defect count is 0, 1 otherwise, 2 when the reference run fails.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILE_OPERATIONS = ["rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir"]
INFORMATION = ["kills", "kills on partially filled stores", "kills of an edited run over a complete store",
               "finished before kill"]
DEFECTS = ["corrupt entries", "stale results reused", "finished stages lost",
           "Results mismatches", "reruns failed", "reruns not idempotent"]


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def view_index_digest(path):
    """The Results index (.view.json) by what it means: per stage folder, the key and each file's
    SHA-256. Its store path (a trial's store is not the reference's) and the stat it keeps to
    notice edits (mtimes and inodes differ between any two runs) are not results."""
    try:
        index = json.loads(path.read_text())
        meaning = {folder: {"key": stage.get("key"), "files": {name: f.get("sha256") for name, f in stage.get("files", {}).items()},
                            "publishing": stage.get("publishing")}
                   for folder, stage in index.get("stages", {}).items()}
        meaning = {"profile": index.get("profile"), "stages": meaning}
    except (OSError, ValueError, AttributeError) as error:
        return "unreadable: %s" % error
    return hashlib.sha256(json.dumps(meaning, sort_keys=True).encode()).hexdigest()


def files_below(folder):
    """Relative path -> SHA-256 of every regular file below folder (hidden ones included; the
    Results index by its meaning, see view_index_digest)."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): view_index_digest(p) if p.name == ".view.json" and p.parent == folder else sha256(p)
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def entries(store):
    """Key -> entry folder, for every folder under <store>/entries/<prefix>/."""
    root = Path(store) / "entries"
    found = {}
    if root.is_dir():
        for prefix in root.iterdir():
            if prefix.is_dir():
                for entry in prefix.iterdir():
                    found[entry.name] = entry
    return found


def entry_problem(entry):
    """Why an entry is not complete and consistent, or None."""
    try:
        manifest = json.loads((entry / "manifest.json").read_text())
        recorded = {name: output["sha256"] for name, output in manifest["outputs"].items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        return f"no readable manifest ({type(error).__name__})"
    present = files_below(entry / "outputs")
    if present != recorded:
        changed = sorted(set(present) ^ set(recorded) | {n for n in present if n in recorded and present[n] != recorded[n]})
        return "outputs differ from the manifest: " + ", ".join(changed[:3])
    return None


def current_keys(store, profile):
    """Stage name -> key, from the refs of every pipeline."""
    keys = {}
    refs = Path(store) / "refs" / profile
    if refs.is_dir():
        for ref in sorted(refs.glob("*.json")):
            try:
                for stage, record in json.loads(ref.read_text())["stages"].items():
                    keys[stage] = record["key"]
            except (OSError, ValueError, KeyError, TypeError):
                pass
    return keys


def last_line(output):
    lines = output.strip().splitlines()
    return lines[-1] if lines else ""


class Campaign:
    def __init__(self, options):
        self.options = options
        self.work = Path(options.workdir or tempfile.mkdtemp(prefix="criticality-crash-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.random = random.Random(options.seed)
        self.counts = {name: 0 for name in INFORMATION}
        self.counts.update({name: 0 for name in DEFECTS})
        self.details = []
        self.defective_trials = set()

    def command(self, override=None):
        command = [self.options.binary, "run", *self.options.pipelines, "--profile", self.options.profile,
                   "--store", "S", "--results", "R"]
        return command + (["--set", override] if override else [])

    def environment(self):
        env = dict(os.environ)
        env.pop("CRITICALITY_STORE", None)
        return env

    def run(self, folder, override=None, prefix=()):
        """Runs to completion; returns (exit status, seconds, stdout and stderr)."""
        start = time.monotonic()
        done = subprocess.run([*prefix, *self.command(override)], cwd=folder, env=self.environment(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return done.returncode, time.monotonic() - start, done.stdout + done.stderr

    def run_and_kill(self, folder, after, override=None):
        """Starts a run and SIGKILLs its process group after `after` seconds; True if it was still running."""
        process = subprocess.Popen(self.command(override), cwd=folder, env=self.environment(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            process.wait(timeout=after)
            return False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True

    def run_and_kill_at(self, folder, syscall, invocation, override=None):
        """Runs under strace, which SIGKILLs the process at a thread's `invocation`-th `syscall`
        (strace counts per thread); True if criticality itself died of it."""
        # No --seccomp-bpf here: with it, strace 6.1 does not deliver the injected signal.
        process = subprocess.Popen(["strace", "-f", "-qq", "-o", "/dev/null",
                                    "-e", f"trace={syscall}", "-e", f"inject={syscall}:signal=KILL:when={invocation}",
                                    *self.command(override)], cwd=folder, env=self.environment(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        status = process.wait()
        try:
            os.killpg(process.pid, signal.SIGKILL)   # a gnuplot the kill orphaned
        except ProcessLookupError:
            pass
        return status == -signal.SIGKILL or status == 128 + signal.SIGKILL

    def note(self, trial, defect, count, detail):
        if count:
            self.counts[defect] += count
            self.defective_trials.add(str(trial).split(" ")[0] + (" revert" if " " in str(trial) else ""))
            self.details.append(f"trial {trial}: {defect}: {detail}")

    def reference(self):
        folder = self.work / "reference"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        status, seconds, output = self.run(folder)
        if status != 0:
            print(f"crash-campaign: the reference run failed (exit {status}):\n{output[-2000:]}", file=sys.stderr)
            sys.exit(2)
        self.duration = seconds
        self.keys = current_keys(folder / "S", self.options.profile)
        self.outputs = {key: files_below(entries(folder / "S")[key] / "outputs") for key in self.keys.values()}
        self.results = files_below(folder / "R")
        self.self_check(folder)

    def self_check(self, reference):
        """The checks must see damage: a flipped byte in an entry's output and in a Results file."""
        folder = self.work / "self-check"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(reference, folder, symlinks=True)
        entry = entries(folder / "S")[sorted(self.outputs)[0]]
        victim = sorted(p for p in (entry / "outputs").rglob("*") if p.is_file())[0]
        data = bytearray(victim.read_bytes())
        data[len(data) // 2] ^= 0xFF
        victim.write_bytes(bytes(data))
        shown = sorted(p for p in (folder / "R").rglob("*") if p.is_file())[0]
        shown.write_bytes(shown.read_bytes() + b"\0")
        if entry_problem(entry) is None or files_below(folder / "R") == self.results:
            sys.exit("crash-campaign: the checks did not see a damaged entry or Results file; fix the script")
        shutil.rmtree(folder, ignore_errors=True)

    def trial(self, number):
        folder = self.work / f"trial-{number}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        finished = {}
        for _ in range(2):
            moment = self.random.uniform(0.02, 0.98) * self.duration
            filled = bool(entries(folder / "S"))
            if self.run_and_kill(folder, moment):
                self.counts["kills"] += 1
                if filled:
                    self.counts["kills on partially filled stores"] += 1
            else:
                self.counts["finished before kill"] += 1
            self.snapshot(number, folder, finished)

        self.check_rerun(number, folder, finished)

    def snapshot(self, number, folder, finished):
        """After a kill: counts incomplete entries, and remembers the complete ones."""
        found = entries(folder / "S")
        broken = {key: problem for key in found if (problem := entry_problem(found[key]))}
        self.note(number, "corrupt entries", len(broken), "; ".join(f"{k[:12]} {p}" for k, p in broken.items()))
        finished.update({key: (found[key] / "manifest.json").read_bytes() for key in found if key not in broken})

    def revert_trial(self, number):
        """The reference's complete store and view; a run with --set killed (at a random moment,
        or at a file operation); then the reference's settings again, which must give its bytes."""
        folder = self.work / f"revert-{number}"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(self.work / "reference", folder, symlinks=True)
        finished = {}
        self.snapshot(number, folder, finished)
        override = self.options.override
        if self.options.at_file_ops:
            syscall = self.random.choice(self.operations)
            invocation = self.random.randint(1, self.most[syscall])
            killed = self.run_and_kill_at(folder, syscall, invocation, override)
            point = f"{syscall} #{invocation}"
        else:
            killed = self.run_and_kill(folder, self.random.uniform(0.02, 0.98) * self.override_duration, override)
            point = "a random moment"
        if killed:
            self.counts["kills"] += 1
            self.counts["kills of an edited run over a complete store"] += 1
        else:
            self.counts["finished before kill"] += 1
        self.snapshot(number, folder, finished)
        self.check_rerun(f"{number} (--set {override}, killed at {point})", folder, finished)

    def probe_override(self):
        """Times a run with the override over a copy of the reference, and counts its file operations per thread."""
        folder = self.work / "override-probe"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(self.work / "reference", folder, symlinks=True)
        trace = self.work / "override-probe.trace"
        prefix = ["strace", "-f", "--seccomp-bpf", "-qq", "-o", str(trace), "-e", "trace=" + ",".join(FILE_OPERATIONS)] \
            if self.options.at_file_ops else []
        try:
            # A probe that shows no file operation is tried again on a fresh copy before the campaign
            # gives up. (The empty probes seen in full-suite runs were a parsing bug, fixed below:
            # strace pads pids under 10000, so "9784  unlink(" split on one space read no name.)
            for attempt in range(3):
                if attempt:
                    shutil.rmtree(folder, ignore_errors=True)
                    shutil.copytree(self.work / "reference", folder, symlinks=True)
                status, self.override_duration, output = self.run(folder, self.options.override, prefix)
                if status != 0:
                    print(f"crash-campaign: the run with --set {self.options.override} failed (exit {status}):\n{output[-2000:]}", file=sys.stderr)
                    sys.exit(2)
                if not self.options.at_file_ops:
                    return
                calls = {}
                text = trace.read_text() if trace.exists() else ""
                for line in text.splitlines():
                    # strace pads the pid column ("9784  unlink(…"): split on any run of spaces.
                    thread, _, rest = line.strip().partition(" ")
                    rest = rest.lstrip()
                    name = rest.split("(", 1)[0]
                    if name in FILE_OPERATIONS:
                        calls[(thread, name)] = calls.get((thread, name), 0) + 1
                self.operations = sorted({name for _, name in calls})
                self.most = {name: max(n for (_, op), n in calls.items() if op == name) for name in self.operations}
                if self.operations:
                    return
                print(f"crash-campaign: strace saw no file operation in the probe run (try {attempt + 1}); trace starts: {text[:300]!r}", file=sys.stderr)
            sys.exit("crash-campaign: strace saw no file operation in the run")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def check_rerun(self, number, folder, finished):
        """Reruns to completion, compares with the reference, and reruns once more."""
        status, _, output = self.run(folder)
        self.note(number, "reruns failed", int(status != 0), last_line(output))
        keys = current_keys(folder / "S", self.options.profile)
        wrong = sorted(stage for stage in set(keys) | set(self.keys) if keys.get(stage) != self.keys.get(stage))
        found = entries(folder / "S")
        damaged = sorted(stage for stage, key in keys.items()
                         if stage in self.keys and key == self.keys[stage]
                         and (key not in found or files_below(found[key] / "outputs") != self.outputs[key]))
        self.note(number, "stale results reused", len(wrong) + len(damaged), ", ".join((wrong + damaged)[:5]))
        lost = sorted(key for key, manifest in finished.items()
                      if key not in found or not (found[key] / "manifest.json").is_file()
                      or (found[key] / "manifest.json").read_bytes() != manifest)
        self.note(number, "finished stages lost", len(lost), ", ".join(k[:12] for k in lost[:5]))
        results = files_below(folder / "R")
        mismatched = sorted(name for name in set(results) | set(self.results) if results.get(name) != self.results.get(name))
        self.note(number, "Results mismatches", len(mismatched), ", ".join(mismatched[:5]))

        status, _, output = self.run(folder)
        again = files_below(folder / "R")
        ran_nothing = status == 0 and (" 0 ran" in output or "Nothing to do" in output)
        self.note(number, "reruns not idempotent", int(not ran_nothing or again != results),
                  last_line(output))
        if not self.options.keep:
            shutil.rmtree(folder, ignore_errors=True)

    def report(self):
        lines = [f"crash campaign: {self.counts['kills']} kills "
                 f"({self.counts['kills on partially filled stores']} on partially filled stores, "
                 f"{self.counts['kills of an edited run over a complete store']} of a run with --set over a complete store), "
                 f"seed {self.options.seed}, profile {self.options.profile}, "
                 f"pipelines: {' '.join(self.options.pipelines) or 'all'}; reference run {self.duration:.1f} s"]
        self.counts["trials with a defect"] = len(self.defective_trials)
        for name in INFORMATION + DEFECTS + ["trials with a defect"]:
            lines.append(f"  {name:<46}{self.counts[name]:>5}")
        lines += ["  " + detail for detail in self.details]
        return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="the criticality binary to test")
    parser.add_argument("--kills", type=int, default=10, help="kills in all (two per trial; default 10)")
    parser.add_argument("--pipelines", nargs="*", default=[], help="pipelines to run (default: all)")
    parser.add_argument("--profile", default="quick")
    parser.add_argument("--revert-kills", type=int, default=0,
                        help="more kills, each of a run with --set OVERRIDE over a copy of the reference's complete "
                             "store and view, followed by a rerun with the reference's settings")
    parser.add_argument("--override", help="the edit those runs make, e.g. 002-layer-maps/trajectories.layers=30")
    parser.add_argument("--at-file-ops", action="store_true",
                        help="kill those runs at a rename/unlink/rmdir drawn from a traced run (strace) instead of at a random moment")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", help="where trials run (default: a new temporary folder, removed after)")
    parser.add_argument("--keep", action="store_true", help="keep each trial's store and Results")
    parser.add_argument("--json", help="also write the counts and details as JSON here")
    options = parser.parse_args()
    options.binary = str(Path(options.binary).resolve())
    if options.kills < 0 or options.revert_kills < 0 or options.kills + options.revert_kills < 1:
        parser.error("--kills and --revert-kills must not be negative, and at least one kill is needed")
    if options.revert_kills and not options.override:
        parser.error("--revert-kills needs --override STAGE.PARAMETER=VALUE (a valid --set for the pipelines run)")
    if options.at_file_ops and not shutil.which("strace"):
        parser.error("--at-file-ops needs strace on PATH (Debian: apt-get install strace)")
    if not os.access(options.binary, os.X_OK):
        parser.error(f"{options.binary} is not an executable: build it first (make build)")

    campaign = Campaign(options)
    try:
        campaign.reference()
        for number in range(1, (options.kills + 1) // 2 + 1):
            campaign.trial(number)
        if options.revert_kills:
            campaign.probe_override()
            for number in range(1, options.revert_kills + 1):
                campaign.revert_trial(number)
        report = campaign.report()
        print(report)
        if options.json:
            Path(options.json).write_text(json.dumps({"counts": campaign.counts, "details": campaign.details,
                                                     "referenceSeconds": campaign.duration}, indent=2, sort_keys=True))
    finally:
        if not options.keep and not options.workdir:
            shutil.rmtree(campaign.work, ignore_errors=True)
    sys.exit(1 if any(campaign.counts[name] for name in DEFECTS) else 0)


if __name__ == "__main__":
    main()
