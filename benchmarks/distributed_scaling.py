"""Benchmark: MODNAS search steps per second with 1 and with 2 processes (torchrun, gloo, `shard='devices'`).

    OMP_NUM_THREADS=1 python benchmarks/distributed_scaling.py [--tasks digits,fashion] [--steps 8] [--warmup 2] [--exact] [--out reports/distributed_scaling.json]

For each task and process count, `torchrun --standalone --nproc-per-node=N` runs this file with `--worker`: every
process builds the same search (the task's default sizes, the paper's 13 lookup-table training devices and as many
synthetic ones), takes `--warmup` untimed steps, then times `--steps` steps (`hypernetwork_step` + `supernet_step`,
the real ones) between two barriers. One process runs the plain loop (`LocalShard`), as a single-process search does.
torchrun gives every process one thread, so N processes use N cores. The load average before and after each
measurement is recorded: the machine is shared, and the figures move with its load.
With `--exact`, the order-fixed reduction that makes float32 results equal across process counts is measured instead:
one process runs its task one architecture at a time (`archwise`), N processes `TorchShard('devices', exact=True)`.
"""
import argparse, json, os, subprocess, sys, time
from pathlib import Path

def worker(task:str, steps:int, warmup:int, exact:bool):
    "One process of a measurement: build, warm up, time `steps` steps; process 0 prints a JSON line."
    import torch.distributed as dist
    from modnas_nb.search import SearchConfig, MODNASSearch, hypernetwork_step, supernet_step
    from modnas_nb.distributed import TorchShard, attach, warm_caches
    dist.init_process_group('gloo')
    rank, world = dist.get_rank(), dist.get_world_size()
    cfg = SearchConfig(task=task, seed=0).validated()
    if rank == 0: warm_caches(cfg)
    dist.barrier()
    s = MODNASSearch(cfg, verbose=False)
    if world > 1: attach(s, TorchShard('devices', exact=exact))
    elif exact: s.task.archwise = True  # what the exact shard computes, in one process
    for _ in range(warmup): hypernetwork_step(s); supernet_step(s)
    dist.barrier(); t0 = time.perf_counter()
    for _ in range(steps): hypernetwork_step(s); supernet_step(s)
    dist.barrier(); secs = time.perf_counter() - t0
    if rank == 0:
        print(json.dumps({'task': task, 'exact': exact, 'processes': world, 'steps': steps, 'seconds': round(secs, 3), 'steps_per_second': round(steps / secs, 4),
                          'rows_per_step': len(s.train_devices) + s.n_synthetic}), flush=True)
    dist.destroy_process_group()

def measure(task:str, nproc:int, steps:int, warmup:int, exact:bool)->dict:
    "One measurement in fresh processes."
    load0 = os.getloadavg()[0]
    cmd = [sys.executable, '-m', 'torch.distributed.run', '--standalone', f'--nproc-per-node={nproc}', __file__,
           '--worker', '--tasks', task, '--steps', str(steps), '--warmup', str(warmup)] + ['--exact'] * exact
    p = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, 'OMP_NUM_THREADS': '1'})
    if p.returncode: raise RuntimeError(f"{' '.join(cmd)} failed:\n{(p.stdout + p.stderr)[-3000:]}")
    row = json.loads([l for l in p.stdout.splitlines() if l.startswith('{')][-1])
    return {**row, 'load_before': round(load0, 2), 'load_after': round(os.getloadavg()[0], 2)}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--tasks', default='digits,fashion'); ap.add_argument('--steps', type=int, default=8)
    ap.add_argument('--warmup', type=int, default=2); ap.add_argument('--out', default='reports/distributed_scaling.json')
    ap.add_argument('--exact', action='store_true'); ap.add_argument('--worker', action='store_true')
    a = ap.parse_args()
    if a.worker: return worker(a.tasks, a.steps, a.warmup, a.exact)
    rows = []
    for task in a.tasks.split(','):
        for n in (1, 2):
            rows.append(measure(task, n, a.steps, a.warmup, a.exact)); print(rows[-1], flush=True)
        one, two = rows[-2]['steps_per_second'], rows[-1]['steps_per_second']
        print(f"{task}: 1 process {one:.3f} steps/s, 2 processes {two:.3f} steps/s: speed-up {two / one:.2f}x", flush=True)
    out = {'machine': f"{os.cpu_count()} cores, shared", 'command': ' '.join(['python', *sys.argv]), 'rows': rows,
           'speedup': {t: round(next(r for r in rows if r['task'] == t and r['processes'] == 2)['steps_per_second'] /
                                next(r for r in rows if r['task'] == t and r['processes'] == 1)['steps_per_second'], 3)
                       for t in a.tasks.split(',')}}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=1) + '\n')
    print(f"wrote {a.out}")

if __name__ == '__main__': main()
