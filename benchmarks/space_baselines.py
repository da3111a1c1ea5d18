"""Benchmark: the baselines (random search, local search, NSGA-II, SMS-EMOA) at MODNAS's count of accuracy queries on one space, beside MODNAS's own runs.

    MODNAS_DATA=../shared/data OMP_NUM_THREADS=1 python benchmarks/space_baselines.py --space ofa [--queries 200] [--seeds 0 1 2]
        [--metrics latency] [--devices paper|hard] [--modnas reports/ofa/seeds.json] [--out reports/ofa/baselines.json]

Each baseline runs once per seed over all of the space's devices (`baselines.query_curves`, 'queries' setting): a counted query
answers what MODNAS's task pays for one (`SpaceSpec.queries_read_truth`), hardware comes from the same MetaPredictor, and every
baseline is scored like the search on the space's measured table. `--devices hard` trains the MetaPredictor on the hard split's
training devices only (`search.hard_split`), as a `-p devices hard` run does, and labels the held-out ones 'test'. `--modnas` is a `benchmarks/default_seeds.py` output of the same
space (`-p space ofa`): its means are printed and written beside the baselines'. Results depend on the thread count: it is recorded.
"""
import argparse, json, os, sys, time
from pathlib import Path
import numpy as np

def summarise(rows)->dict:
    "{method: {split: {hv_ratio, hv_ratio_std, igd_plus, queries_spent}}}: per seed the split's mean over devices, then mean and std over seeds."
    out = {}
    for (m, split), g in rows.groupby(['method', 'split']):
        per_seed = g.groupby('seed')[['hv_ratio', 'igd_plus']].mean()
        out.setdefault(m, {})[split] = {'hv_ratio': round(float(per_seed.hv_ratio.mean()), 4),
                                        'hv_ratio_std': round(float(per_seed.hv_ratio.std(ddof=0)), 4),
                                        'igd_plus': round(float(per_seed.igd_plus.mean()), 4),
                                        'queries_spent': float(g.groupby('seed').spent.first().mean())}  # unique queries of all devices together
    return out

def modnas_summary(path:Path)->dict:
    "MODNAS's split means over seeds, read from a `default_seeds.py` output (hv_ratio and each control)."
    ms = json.loads(path.read_text())['mean_std']
    return {split: {k.replace(f'_{split}', '').replace('mean_hv_ratio', 'hv_ratio'): v['mean'] for k, v in ms.items() if k.endswith(f'_{split}')}
            for split in ('train', 'test')}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--space', required=True); ap.add_argument('--queries', type=int, default=200)
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2]); ap.add_argument('--metrics', nargs='+', default=['latency'])
    ap.add_argument('--devices', default='paper', help="'paper' or 'hard': which split trains the MetaPredictor")
    ap.add_argument('--methods', nargs='+', default=None); ap.add_argument('--modnas', default=None); ap.add_argument('--out', required=True)
    a = ap.parse_args()
    from modnas_nb.baselines import METHODS, query_curves
    from modnas_nb.spaces import space_spec
    from modnas_nb.core import check_choice
    methods = tuple(check_choice('baseline', m, METHODS) for m in (a.methods or METHODS))
    spec = space_spec(a.space)
    devices = [d.name for d in spec.devices]
    check_choice('devices', a.devices, ('paper', 'hard'))
    train = None
    if a.devices == 'hard':
        from modnas_nb.search import hard_split
        train = tuple(d for d, split in hard_split(a.space).items() if split == 'train')
    t0 = time.time()
    rows = query_curves(methods, devices, queries=(a.queries,), seeds=tuple(a.seeds), metrics=tuple(a.metrics), space=a.space, train_devices=train)
    out = {'command': ' '.join(['python', *sys.argv]), 'threads': os.environ.get('OMP_NUM_THREADS', 'torch default'),
           'machine': f'{os.cpu_count()} cores', 'seconds': round(time.time() - t0, 1), 'space': a.space, 'queries': a.queries,
           'seeds': a.seeds, 'metrics': a.metrics, 'devices': devices, 'split': a.devices, 'train_devices': train,
           'setting': 'queries: each baseline spends the counted accuracy queries and sees the MetaPredictor metrics, as the search',
           'baselines': summarise(rows), 'per_device': rows[['method', 'seed', 'device', 'split', 'spent', 'n_evals', 'hv_ratio', 'igd_plus']].round(4).to_dict('records')}
    if a.modnas: out['modnas'] = modnas_summary(Path(a.modnas)); out['modnas_source'] = a.modnas
    for split in ('train', 'test'):
        line = ', '.join(f"{m} {v[split]['hv_ratio']:.3f}±{v[split]['hv_ratio_std']:.3f}" for m, v in out['baselines'].items() if split in v)
        if a.modnas: line = f"MODNAS {out['modnas'][split]['hv_ratio']:.3f}; " + line
        print(f"{split} hv_ratio at {a.queries} queries: {line}")
    from modnas_nb.core import write_json_atomic
    p = write_json_atomic(out, a.out)  # never a half-written file
    print(f"wrote {p} ({out['seconds']} s)")

if __name__ == '__main__': main()
