"""Benchmark: issue 16's torchrun command with `--exact true` against one process, at a task's default sizes.

    OMP_NUM_THREADS=1 python benchmarks/exact_equality.py [--task digits] [--nodes 1] [--out reports/distributed_equality.json]

One process runs the search in this process on one thread, its task one architecture at a time (`archwise`, what the
exact shard computes); then two processes run the same settings under torchrun with `--exact true`: with
`--nodes 1` as `torchrun --standalone --nproc-per-node=2`, with `--nodes 2` as two torchrun launches of one process
each that meet through torchrun's c10d rendezvous on the loopback interface (the multi-machine command, on one
machine). Written: the largest difference of any hypernetwork and supernet parameter between the two final
checkpoints, how many found architectures are the same, both runs' mean hv_ratio and wall times.
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path
import torch
from modnas_nb.core import write_json_atomic
from modnas_nb.distributed import parse_cli, launch
from modnas_nb.search import MODNASSearch, run

def two_nodes(args:list, timeout:float=3600):
    "Two torchrun launches of one process each, meeting through a c10d rendezvous on 127.0.0.1."
    base = [sys.executable, '-m', 'torch.distributed.run', '--nnodes=2', '--nproc-per-node=1', '--rdzv-backend=c10d',
            '--rdzv-endpoint=127.0.0.1:29461', '--rdzv-id=exact_equality']
    env = {**os.environ, 'GLOO_SOCKET_IFNAME': 'lo'}
    ps = [subprocess.Popen(base + [f'--node-rank={k}', '-m', 'modnas_nb.distributed', *args], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for k in (0, 1)]
    outs = [p.communicate(timeout=timeout)[0] for p in ps]
    for p, out in zip(ps, outs):
        if p.returncode: raise RuntimeError(f"a node failed ({p.returncode}):\n{out[-3000:]}")

def largest_gap(x:dict, y:dict)->float: return max(float((x[n] - y[n]).abs().max()) for n in x if x[n].is_floating_point())
def found(r:dict)->dict: return {k: [p['arch'] for p in v['front']] for k, v in r['devices'].items()}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--task', default='digits'); ap.add_argument('--nodes', type=int, choices=(1, 2), default=1)
    ap.add_argument('--out', default='reports/distributed_equality.json')
    a = ap.parse_args()
    args = ['--space', 'nb201', '--task', a.task]
    cfg = parse_cli(args).cfg
    torch.set_num_threads(1)  # as torchrun gives each process
    with tempfile.TemporaryDirectory() as tmp:
        d1, d2 = Path(tmp)/'one', Path(tmp)/'two'
        t0 = time.time(); s = MODNASSearch(cfg, verbose=False); s.task.archwise = True
        one = run(s, d1, progress=False); t1 = time.time() - t0
        t0 = time.time()
        if a.nodes == 1: launch(2, args + ['--out-dir', str(d2), '--exact', 'true'], timeout=3600)
        else: two_nodes(args + ['--out-dir', str(d2), '--exact', 'true'])
        t2 = time.time() - t0
        c1, c2 = (torch.load(d/'checkpoint.pt', weights_only=True) for d in (d1, d2))
        two = json.loads((d2/'results.json').read_text())
    f1, f2 = found(one), found(two)
    launch_cmd = ('torchrun --standalone --nproc-per-node=2' if a.nodes == 1 else
                  'torchrun --nnodes=2 --node-rank=K --nproc-per-node=1 --rdzv-backend=c10d --rdzv-endpoint=127.0.0.1:29461 (K = 0, 1)')
    res = {'command': ' '.join(['python', *sys.argv]),
           'two_processes': f"{launch_cmd} -m modnas_nb.distributed {' '.join(args)} --out-dir OUT --exact true",
           'one_process': 'run(MODNASSearch(cfg)) in this process, one torch thread, task.archwise = True',
           'epochs': cfg.epochs, 'steps_per_epoch': cfg.steps_per_epoch, 'warmup_steps': cfg.warmup_steps,
           'largest_gap': {'hypernetwork': largest_gap(c1['hnet'], c2['hnet']), 'supernet': largest_gap(c1['task']['net'], c2['task']['net'])},
           'found_archs_same': sum(x == y for k in f1 for x, y in zip(f1[k], f2[k])), 'found_archs': sum(map(len, f1.values())),
           'fronts_equal': f1 == f2, 'summary_one': one['summary'], 'summary_two': two['summary'],
           'wall_seconds_one': round(t1, 1), 'wall_seconds_two': round(t2, 1), 'load_after': round(os.getloadavg()[0], 2)}
    print(json.dumps(res, indent=1))
    write_json_atomic(res, Path(a.out))
    print(f"wrote {a.out}")

if __name__ == '__main__': main()
