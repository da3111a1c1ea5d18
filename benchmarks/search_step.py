"""Benchmark: seconds per MODNAS search step and peak memory.

    python benchmarks/search_step.py [--task benchmark|digits] [--steps 20] [--out benchmarks/search_step.json]
    python benchmarks/search_step.py --task cifar_shaped  # the reference's configuration -> reports/search_step_cifar_shaped.json

Each configuration runs in a fresh subprocess so that its peak resident memory (ru_maxrss) is its own. The step is
the real one (`modnas_nb.search.hypernetwork_step` + `supernet_step`).

'benchmark' / 'digits': vs number of devices, `grad_mode` 'batched' against 'loop'; devices beyond the 13 training
devices are the paper's test devices, used here as extra training devices.

'cifar_shaped': the reference implementation's NB201 configuration — the paper's supernet (C=16, N=5, 10 classes)
on CIFAR-10-shaped data, 13 training devices with measured (HELP) latencies, ReinMax, MGDA, no synthetic devices —
at batch 64 and 256 on 2 threads. CIFAR-10 itself is not needed: the images are synthetic uint8 arrays of CIFAR-10's
shape (two halves of 25,000 32x32x3 images, as `cifar10_task` splits the training set), which go through the real
`SupernetTask` stream, `augment_cifar` and `NB201Supernet`; time per step does not depend on pixel values. Reports
the median seconds per step over --steps timed steps after --warmup, its split between the hypernetwork phase and
the weight phase, and peak RSS, beside the reference's figures (measured separately on this machine class, not in
this process). Timings depend on the machine and its load: the load average before and after is recorded, and the CPU seconds of
the process per step beside the wall seconds.

Because the reference's figures come from another process on another day, `--anchor REV` also measures the package as it
was at git revision REV (checked out into a temporary worktree, imported instead of the working tree) in the same run, at
`--anchor-batches`: e.g. `--anchor f34ff94`, the code when the issue was filed, whose step the issue measured at 17.9 s
beside the reference's 16.3 s. The ratio of the two runs of the same code says how this machine compares with the one that
measured the reference.
"""
import argparse, json, os, platform, resource, statistics, subprocess, sys, time

# The reference implementation's NB201 search step, unmodified, on a 2-core CPU of this machine class (issue 18):
# median seconds per step (range) and peak RSS.
REFERENCE = {64: {'seconds_per_step': 16.3, 'range': [14.8, 18.9], 'peak_rss_gib': 2.29},
             256: {'seconds_per_step': 62.9, 'range': None, 'peak_rss_gib': 7.50}}
TARGET = {64: 8.0, 256: 31.0}  # issue 18: at least 2x faster than the reference

def cifar_shaped_task(space, seed:int=0, batch_size:int=64, archwise=None, n_half:int=25_000, n_test:int=1_000):
    "The paper's NB201 supernet task on synthetic CIFAR-10-shaped uint8 images (no download)."
    import torch
    from modnas_nb.nb201 import NB201Supernet
    from modnas_nb.tasks import SupernetTask, augment_cifar, normalise_cifar
    g = torch.Generator().manual_seed(seed)
    img = lambda n: torch.randint(0, 256, (n, 3, 32, 32), dtype=torch.uint8, generator=g)
    lab = lambda n: torch.randint(0, 10, (n,), generator=g)
    splits = {'train': (img(n_half), lab(n_half)), 'valid': (img(n_half), lab(n_half)), 'test': (normalise_cifar(img(n_test)), lab(n_test))}
    with torch.random.fork_rng():
        torch.manual_seed(seed); net = NB201Supernet(16, 5, n_classes=10, in_channels=3, track_running_stats=False)
    # `archwise` only when asked for: an --anchor revision's SupernetTask may predate it
    return SupernetTask('cifar_shaped', space, net, splits, batch_size, seed, augment=augment_cifar, eval_transform=normalise_cifar,
                        eval_batch=n_test, eval_archs=1, **({} if archwise is None else {'archwise': archwise}))

def cifar_one(batch:int, mode:str, steps:int, warmup:int, threads:int):
    import torch
    torch.set_num_threads(threads)
    from modnas_nb.tasks import register_task
    from modnas_nb.search import SearchConfig, MODNASSearch, hypernetwork_step, supernet_step
    register_task('nb201', 'cifar_shaped', cifar_shaped_task)
    cfg = SearchConfig(space='nb201', task='cifar_shaped', hardware='measured', sampler='reinmax', grad_combine='mgda',
                       synthetic_devices=0, pretrain_steps=0, epochs=1, steps_per_epoch=steps)
    s = MODNASSearch(cfg, verbose=False, task_kwargs={'batch_size': batch, 'archwise': {'default': None, 'archwise': True, 'batched': False}[mode]})
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows, cpu = [], []  # wall seconds (hypernetwork, weights) and CPU seconds of this process per step
    for i in range(warmup + steps):
        c0, t0 = time.process_time(), time.perf_counter(); hypernetwork_step(s)
        t1 = time.perf_counter(); supernet_step(s); t2, c2 = time.perf_counter(), time.process_time()
        if i >= warmup: rows.append((t1 - t0, t2 - t1)); cpu.append(c2 - c0)
    med = lambda v: statistics.median(v)
    tot = [h + w for h, w in rows]
    import modnas_nb  # which copy ran: the working tree's, or an --anchor worktree's
    print(json.dumps({'batch': batch, 'mode': mode, 'package': os.path.dirname(modnas_nb.__file__), 'archwise': getattr(s.task, 'archwise', None), 'devices': len(s.train_devices),
                      'seconds_per_step': med(tot), 'min': min(tot), 'max': max(tot),
                      'hypernetwork_s': med([h for h, _ in rows]), 'weights_s': med([w for _, w in rows]),
                      'cpu_seconds_per_step': med(cpu),  # all threads together: less sensitive than wall time to other jobs on the machine
                      'steps': [[round(h, 3), round(w, 3)] for h, w in rows],
                      'peak_rss_gib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 'rss_before_steps_gib': base / 2**20}))

def cifar_run(a, batch:int, mode:str, code:str|None=None)->dict:
    "One configuration in a fresh subprocess; `code`: a folder holding another revision's `modnas_nb` to import instead."
    cmd = [sys.executable, __file__, '--task', 'cifar_shaped', '--steps', str(a.steps), '--warmup', str(a.warmup),
           '--threads', str(a.threads), '--one', mode, str(batch)]
    env = {**os.environ, 'PYTHONPATH': code} if code else None
    r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout.strip().splitlines()[-1])
    print({k: v for k, v in r.items() if k != 'steps'}, flush=True)
    return r

def anchor_rows(a)->list:
    "The --anchor revision's step at --anchor-batches, measured from a temporary git worktree."
    import tempfile
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rev = subprocess.run(['git', '-C', repo, 'rev-parse', '--short', a.anchor], check=True, capture_output=True, text=True).stdout.strip()
    tmp = tempfile.mkdtemp(prefix='modnas_anchor_')
    subprocess.run(['git', '-C', repo, 'worktree', 'add', '--detach', tmp, rev], check=True, capture_output=True)
    try: return [{**cifar_run(a, b, 'default', tmp), 'code': rev} for b in map(int, a.anchor_batches.split(','))]
    finally: subprocess.run(['git', '-C', repo, 'worktree', 'remove', '--force', tmp], check=True, capture_output=True)

def cifar_main(a):
    load_before = os.getloadavg()
    rows = [{**cifar_run(a, b, mode), 'code': 'working tree'} for b in map(int, a.batches.split(',')) for mode in a.modes.split(',')]
    anchors = anchor_rows(a) if a.anchor else []
    load_after = os.getloadavg()
    print(f"\n{'batch':>5} {'mode':>8} {'s/step (min-max)':>20} {'hypernet s':>10} {'weights s':>9} {'peak GiB':>8} | "
          f"{'reference s/step':>16} {'ref GiB':>7} {'speed-up':>8} {'target':>6}")
    for r in rows:
        ref = REFERENCE[r['batch']] if r['batch'] in REFERENCE else None
        print(f"{r['batch']:>5} {r['mode']:>8} {r['seconds_per_step']:>8.2f} ({r['min']:.2f}-{r['max']:.2f}) {r['hypernetwork_s']:>10.2f} "
              f"{r['weights_s']:>9.2f} {r['peak_rss_gib']:>8.2f} | " +
              (f"{ref['seconds_per_step']:>16.1f} {ref['peak_rss_gib']:>7.2f} {ref['seconds_per_step'] / r['seconds_per_step']:>7.1f}x "
               f"{'met' if r['seconds_per_step'] <= TARGET[r['batch']] and r['peak_rss_gib'] < ref['peak_rss_gib'] else 'missed':>6}" if ref else ''))
    for r in anchors:
        ours = next((o for o in rows if o['batch'] == r['batch'] and o['mode'] == 'default'), None)
        print(f"anchor {r['code']} at batch {r['batch']}: {r['seconds_per_step']:.2f} s/step ({r['min']:.2f}-{r['max']:.2f}), peak {r['peak_rss_gib']:.2f} GiB"
              + (f"; the working tree is {r['seconds_per_step'] / ours['seconds_per_step']:.1f}x faster in this run" if ours else ''))
    res = {'task': 'cifar_shaped', 'what': 'one MODNAS search step (hypernetwork_step + supernet_step) of the paper\'s NB201 supernet '
                                           '(C=16, N=5) on synthetic CIFAR-10-shaped uint8 images through SupernetTask and augment_cifar; '
                                           '13 training devices, measured latencies, ReinMax, MGDA, no synthetic devices',
           'command': 'python ' + ' '.join(sys.argv), 'steps': a.steps, 'warmup': a.warmup, 'threads': a.threads,
           'machine': platform.processor() or platform.machine(), 'cpus': os.cpu_count(),
           'loadavg_before': load_before, 'loadavg_after': load_after, 'rows': rows, 'anchor_rows': anchors,
           'reference': {str(k): v for k, v in REFERENCE.items()}, 'target_seconds_per_step': {str(k): v for k, v in TARGET.items()},
           'reference_note': 'the reference implementation, unmodified, measured on a quiet 2-core CPU of this machine class; not in this process'}
    from modnas_nb.core import write_json_atomic
    write_json_atomic(res, a.out); print(f"written {a.out}")

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
    ap.add_argument('--task', default='benchmark', choices=['benchmark', 'digits', 'cifar_shaped'])
    ap.add_argument('--steps', type=int, default=None, help='timed steps (default 20; cifar_shaped: 6)')
    ap.add_argument('--warmup', type=int, default=2, help='cifar_shaped: untimed steps first')
    ap.add_argument('--threads', type=int, default=None, help='torch threads (default 1; cifar_shaped: 2)')
    ap.add_argument('--devices', default='1,4,13,19')
    ap.add_argument('--batches', default='64,256', help='cifar_shaped: batch sizes')
    ap.add_argument('--modes', default='default', help="cifar_shaped: comma-separated 'default' (the task's choice), 'archwise', 'batched'")
    ap.add_argument('--anchor', default=None, help='cifar_shaped: also measure the package at this git revision (e.g. f34ff94)')
    ap.add_argument('--anchor-batches', default='64', help='cifar_shaped: batch sizes for --anchor')
    ap.add_argument('--out', default=None)
    ap.add_argument('--one', nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    cifar = a.task == 'cifar_shaped'
    a.steps = a.steps or (6 if cifar else 20); a.threads = a.threads or (2 if cifar else 1)
    if cifar:
        if a.one: return cifar_one(int(a.one[1]), a.one[0], a.steps, a.warmup, a.threads)
        a.out = a.out or 'reports/search_step_cifar_shaped.json'
        return cifar_main(a)
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
