"""Benchmark: seconds per MODNAS search step and peak memory vs number of devices, batched vs per-device loop.

    python benchmarks/search_step.py [--task benchmark|digits] [--steps 20] [--out benchmarks/search_step.json]

Each (mode, number of devices) runs in a fresh subprocess so that its peak resident memory (ru_maxrss) is its own.
The step is the real one (`modnas_nb.search.hypernetwork_step` + `supernet_step`) with `grad_mode` 'batched' or
'loop'; devices beyond the 13 training devices are the paper's test devices, used here as extra training devices.
Prints a table and writes the figures to --out (JSON). Timings depend on the machine and its load (recorded).
"""
import argparse, json, os, platform, resource, subprocess, sys, time

def one(task, mode, n, steps, threads):
    import torch
    torch.set_num_threads(threads)
    from modnas_nb.search import SearchConfig, MODNASSearch, hypernetwork_step, supernet_step
    cfg = SearchConfig(task=task, hardware='lut' if task == 'digits' else 'measured', grad_mode=mode,
                       pretrain_steps=0, epochs=1, steps_per_epoch=steps)
    s = MODNASSearch(cfg, verbose=False)
    devs = s.eval_devices[:n]  # training devices first, then test devices
    s.train_devices = devs
    s.emb_train = {m: s.emb_eval[m][:n] for m in cfg.metrics}
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(3): hypernetwork_step(s); supernet_step(s)  # warm-up (stats caches, allocator)
    t0 = time.perf_counter()
    for _ in range(steps): hypernetwork_step(s); supernet_step(s)
    sec = (time.perf_counter() - t0) / steps
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({'seconds_per_step': sec, 'peak_rss_mb': peak / 1024, 'rss_before_steps_mb': base / 1024}))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--task', default='benchmark', choices=['benchmark', 'digits'])
    ap.add_argument('--steps', type=int, default=20)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--devices', default='1,4,13,19')
    ap.add_argument('--out', default=None)
    ap.add_argument('--one', nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: return one(a.task, a.one[0], int(a.one[1]), a.steps, a.threads)
    rows = []
    for n in map(int, a.devices.split(',')):
        for mode in ('batched', 'loop'):
            cmd = [sys.executable, __file__, '--task', a.task, '--steps', str(a.steps), '--threads', str(a.threads), '--one', mode, str(n)]
            r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
            rows.append({'devices': n, 'mode': mode, **r}); print(rows[-1], flush=True)
    by = {(r['devices'], r['mode']): r for r in rows}
    speedup = {n: by[(n, 'loop')]['seconds_per_step'] / by[(n, 'batched')]['seconds_per_step'] for n in {r['devices'] for r in rows}}
    print(f"\n{'devices':>8} {'batched s/step':>15} {'loop s/step':>12} {'speed-up':>9} {'peak MB (b/l)':>15}")
    for n in sorted(speedup):
        b, l = by[(n, 'batched')], by[(n, 'loop')]
        print(f"{n:>8} {b['seconds_per_step']:>15.4f} {l['seconds_per_step']:>12.4f} {speedup[n]:>8.1f}x "
              f"{b['peak_rss_mb']:>7.0f}/{l['peak_rss_mb']:.0f}")
    res = {'task': a.task, 'steps': a.steps, 'threads': a.threads, 'machine': platform.processor() or platform.machine(),
           'cpus': os.cpu_count(), 'loadavg_at_end': os.getloadavg(), 'rows': rows,
           'speedup': {str(k): v for k, v in sorted(speedup.items())}}
    if a.out:
        from modnas_nb.core import write_json_atomic
        write_json_atomic(res, a.out); print(f"written {a.out}")

if __name__ == '__main__': main()
