"""Benchmark: the 3-seed NB201 comparison (`nbs/experiments/nb201_comparison.ipynb`) run one after another and on 2 workers.

    OMP_NUM_THREADS=1 MODNAS_DATA=/path/to/data python benchmarks/parallel_sweep.py [--epochs 4] [--steps 20] [--queries 100] [--out reports/parallel_sweep.json]

Runs the comparison notebook with papermill twice, `-p workers 1` and `-p workers 2`, at the budgets of --queries (default Q=100), both query
strategies, seeds 0,1,2 (6 MODNAS searches per budget) and the rs/nsga2 baselines in the queries setting (6 jobs per budget), each into its
own folder; records the wall time of each (papermill's kernel start included, the same in both) and whether the two
`comparison.json` files are byte for byte the same. Needs the NB201 and HELP tables (`MODNAS_DATA`). The load average
before and after each run is recorded (other jobs on the machine change the ratio).
"""
import argparse, json, os, subprocess, sys, time, tempfile
from pathlib import Path

NB = Path(__file__).resolve().parents[1]/'nbs'/'experiments'/'nb201_comparison.ipynb'

def one(workers:int, epochs:int, steps:int, queries:str, root:Path)->dict:
    "One papermill run of the comparison with `workers` processes; its wall time and output folder."
    out = root/f'workers{workers}'; out.mkdir(parents=True)
    params = dict(queries=queries, strategies='random,active', seeds='0,1,2', methods='rs,nsga2', settings='queries',
                  epochs=epochs, steps_per_epoch=steps, three_objectives=False, workers=workers, out_dir=str(out))
    cmd = [sys.executable, '-m', 'papermill', '-k', 'python3', str(NB), str(out/'report.ipynb'),
           *[w for k, v in params.items() for w in ('-p', k, str(v))]]
    load0, t0 = os.getloadavg()[0], time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, 'OMP_NUM_THREADS': '1'})
    wall = time.time() - t0
    if p.returncode: raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stderr[-3000:]}")
    return {'workers': workers, 'wall_seconds': round(wall, 1), 'load_before': round(load0, 2), 'load_after': round(os.getloadavg()[0], 2),
            'timing': json.loads((out/'timing.json').read_text()), 'comparison': str(out/'comparison.json')}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', type=int, default=4); ap.add_argument('--steps', type=int, default=20)
    ap.add_argument('--queries', default='100', help='budgets Q, comma-separated (each adds 6 MODNAS runs and 6 baseline jobs)')
    ap.add_argument('--out', default='reports/parallel_sweep.json')
    a = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix='parallel_sweep_'))
    rows = [one(w, a.epochs, a.steps, a.queries, root) for w in (1, 2)]
    for r in rows: print(r, flush=True)
    same = Path(rows[0]['comparison']).read_bytes() == Path(rows[1]['comparison']).read_bytes()
    ratio = rows[1]['wall_seconds'] / rows[0]['wall_seconds']
    print(f"sequential {rows[0]['wall_seconds']:.0f} s, 2 workers {rows[1]['wall_seconds']:.0f} s: {ratio:.2f}x; comparison.json identical: {same}")
    out = {'command': ' '.join(['python', *sys.argv]), 'machine': f"{os.cpu_count()} cores",
           'sweep': f'3 seeds x 2 query strategies at Q={a.queries} (6 MODNAS searches per budget) + rs, nsga2 in the queries setting (6 jobs per budget), paper devices',
           'epochs': a.epochs, 'steps_per_epoch': a.steps, 'runs': [{k: v for k, v in r.items() if k != 'comparison'} for r in rows],
           'parallel_over_sequential': round(ratio, 3), 'comparison_json_identical': same}
    from modnas_nb.core import write_json_atomic
    write_json_atomic(out, a.out)
    print(f"wrote {a.out}")

if __name__ == '__main__': main()
