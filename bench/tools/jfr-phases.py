#!/usr/bin/env python3
"""Summarise a JFR recording of a Stockroom sync: where the main thread spends its time (Java and
native samples), by load phase, plus the hottest Java frames. Usage: jfr-phases.py REC.jfr"""
import collections, re, subprocess, sys

rec = sys.argv[1]
PHASES = [("bulk load into staging", "bulkLoad"),
          ("dup check", "hasDuplicateKeys"),
          ("set-based merge", "ChunkWriter.writeRows"),
          ("commit", r"\.commit\("),
          ("pad spool", r"RecordSpool.pad\("),
          ("close/checkpoint", "Warehouse.close"),
          ("fingerprint", "Fingerprint.of"),
          ("spool: read+parse+write CSV", "RecordSpool.add|FileReaders|FilesSource.read|PageReader|JsonRecords"),
          ("JVM start, class loading, config", "ClassLoader|picocli|ConfigLoader|Project.load")]
phase = collections.Counter(); top = collections.Counter(); incl = collections.Counter(); threads = collections.Counter()
for kind in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
    out = subprocess.run(["jfr", "print", "--stack-depth", "300", "--events", kind, rec], capture_output=True, text=True).stdout
    for e in out.split(kind + " {")[1:]:
        th = re.search(r'sampledThread = "([^"]+)"', e)
        thread = th.group(1) if th else "?"
        frames = re.findall(r'^\s+([\w.$<>]+)\(.*?\)\s+line:', e, re.M)
        if not frames:
            continue
        threads[(thread, kind.split('.')[1])] += 1
        if thread != "main":
            continue
        text = " ".join(frames)
        for name, pat in PHASES:
            if re.search(pat, text):
                phase[(name, kind.split('.')[1])] += 1
                break
        else:
            phase[("other", kind.split('.')[1])] += 1
        if kind == "jdk.ExecutionSample":
            top[frames[0]] += 1
            for f in set(frames):
                incl[f] += 1
print("samples by thread:"); [print(f"  {v:6d} {k}") for k, v in threads.most_common(8)]
print("main thread by phase (samples; Java every 10 ms, native every 20 ms with settings=profile):"); [print(f"  {v:6d} {k}") for k, v in sorted(phase.items())]
print("hottest Java frames (self):"); [print(f"  {v:6d} {k}") for k, v in top.most_common(20)]
print("hottest Java frames (inclusive):"); [print(f"  {v:6d} {k}") for k, v in incl.most_common(30)]
