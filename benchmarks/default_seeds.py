"""Benchmark: README's main job (the offline default, `nbs/run_search.ipynb` as typed) at several seeds; hv_ratio beside every control and the front's shape per seed.

    OMP_NUM_THREADS=1 python benchmarks/default_seeds.py [--seeds 0 1 2] [--runs-dir runs/seeds] [--out reports/default_seeds.json] [-p epochs 16 ...]

Each seed runs `papermill nbs/run_search.ipynb <runs-dir>/seed_<s>.ipynb -p seed <s> -p out_dir <runs-dir>/seed_<s>` (a seed whose
folder already holds a `results.json` is read, not rerun). `-p NAME VALUE` passes further papermill parameters (a variant). The shape is issue 19's target: on a device, at
least 5 distinct non-dominated found architectures spanning >= 2x latency and >= 5 points of accuracy, every latency positive
(`modnas_nb.evaluation.front_shape`); where a run records them, the same count for the reference set's front and for the controls.
Results depend on the thread count (rounding changes the path): the count is recorded.
"""
import argparse, json, os, subprocess, sys, time
from pathlib import Path
import numpy as np
from modnas_nb.evaluation import front_shape, shape_met

ROOT = Path(__file__).resolve().parents[1]

def run_seed(seed:int, runs:Path, params:list)->dict:
    "The results dict of the main job at `seed` (run now unless its folder holds one)."
    out = runs/f'seed_{seed}'
    if not (out/'results.json').exists():
        cmd = [sys.executable, '-m', 'papermill', str(ROOT/'nbs'/'run_search.ipynb'), str(runs/f'seed_{seed}.ipynb'),
               '-p', 'seed', str(seed), '-p', 'out_dir', str(out), *[w for k, v in params for w in ('-p', k, v)]]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode: raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stderr[-3000:]}")
    res = json.loads((out/'results.json').read_text())
    if res['config']['seed'] != seed: raise ValueError(f"{out}/results.json is a run of seed {res['config']['seed']}, not {seed}")
    return res

def found_shape(dev:dict)->dict:
    "A device's found-front shape (`front_shape`): stored by runs since it was recorded, else computed from the front's points."
    if 'shape' in dev: return dev['shape']
    F = np.array([[p['objectives']['error'], next(v for k, v in p['objectives'].items() if k != 'error')] for p in dev['front']])
    return front_shape(F, max_error=90)

def seed_row(res:dict)->dict:
    "One seed's split means of hv_ratio and of each control, and the devices whose front has the target shape."
    row = {'seed': res['config']['seed'], 'wall_seconds': round(res['wall_seconds'], 1), **{k: round(v, 4) for k, v in res['summary'].items()}}
    for c, v in res['controls'].items(): row.update({f'{c}_{k.replace("mean_hv_ratio_", "")}': round(x, 4) for k, x in v.items()})
    devs = list(res['devices'].values())
    row['shape_devices'] = sum(shape_met(found_shape(d)) for d in devs); row['devices'] = len(devs)
    if 'reference_shape' in devs[0]:  # what is reachable on each device, and what the run's own signals reach
        row['shape_reference'] = sum(shape_met(d['reference_shape']) for d in devs)
        row.update({f'shape_{c}': sum(shape_met(d['controls'][c]['shape']) for d in devs) for c in ('limit', 'limit_rays', 'random')})
    return row

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    ap.add_argument('--runs-dir', default='runs/seeds'); ap.add_argument('--out', default='reports/default_seeds.json')
    ap.add_argument('-p', '--param', nargs=2, action='append', default=[], metavar=('NAME', 'VALUE'))
    a = ap.parse_args()
    runs = Path(a.runs_dir); runs.mkdir(parents=True, exist_ok=True)
    rows = [seed_row(run_seed(s, runs, a.param)) for s in a.seeds]
    keys = [k for k in rows[0] if k not in ('seed', 'devices')]
    summary = {k: {'mean': round(float(np.mean([r[k] for r in rows])), 4), 'std': round(float(np.std([r[k] for r in rows])), 4)} for k in keys}
    for r in rows: print(r)
    for split in ('train', 'test'):
        hv = summary[f'mean_hv_ratio_{split}']['mean']
        print(f"{split}: hv_ratio {hv:.3f}; " + ', '.join(f"{c} {summary[f'{c}_{split}']['mean']:.3f}" for c in ('limit', 'limit_rays', 'random', 'agnostic', 'nearest')))
    out = {'command': ' '.join(['python', *sys.argv]), 'threads': os.environ.get('OMP_NUM_THREADS', 'torch default'),
           'machine': f'{os.cpu_count()} cores', 'params': dict(a.param), 'seeds': rows, 'mean_std': summary}
    from modnas_nb.core import write_json_atomic
    write_json_atomic(out, a.out)  # a stopped run never leaves a half-written file
    print(f"wrote {a.out}")

if __name__ == '__main__': main()
