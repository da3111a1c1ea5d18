"""Benchmark: which offline Fashion-MNIST supernet has an accuracy–cost trade-off worth profiling (issue 19).

    python benchmarks/task_spread.py [--out reports/task_spread.json] [--only NAME ...]

For each candidate supernet configuration: build the `fashion` task (seed 0), train the shared weights on
uniformly random architectures for the given warm-up steps (`SupernetTask.warmup`), then measure the test
accuracy of a seeded sample of 200 NB201 architectures with their inherited weights, and for each of the 19
paper devices the exact front of that sample (test error against the device's lookup-table latency,
guessing cells, error >= 85 %, left out). Prints and writes, per configuration: accuracy percentiles, per
device the front's number of non-dominated architectures, latency ratio and accuracy span, how many devices
meet issue 19's shape (>= 5 non-dominated, >= 2x latency, >= 5 points), and the warm-up / evaluation seconds.
Seconds depend on the machine and its load (the load average is recorded).
"""
import argparse, json, os, time
import numpy as np

CONFIGS = {  # name: (fashion_task keyword arguments, warm-up steps)
    'r2_n1_w300': ({'C': 8, 'N': 1, 'n_reductions': 2}, 300),
    'r2_n1_w1500': ({'C': 8, 'N': 1, 'n_reductions': 2}, 1500),
    'r2_n1_16px_w600': ({'C': 8, 'N': 1, 'n_reductions': 2, 'res': 16}, 600),
    'r2_n2_w1000': ({'C': 8, 'N': 2, 'n_reductions': 2}, 1000),
    'r2_c4_n3_w1000': ({'C': 4, 'N': 3, 'n_reductions': 2}, 1000),
    'r2_n3_w1000': ({'C': 8, 'N': 3, 'n_reductions': 2}, 1000),
    'r1_n1_w600': ({'C': 8, 'N': 1, 'n_reductions': 1}, 600),
    'r0_n1_w600': ({'C': 8, 'N': 1, 'n_reductions': 0}, 600),
}
SHAPE = dict(n_front=5, latency_ratio=2.0, accuracy_span=5.0)  # issue 19's target per device

def front_shape(err:np.ndarray, lat:np.ndarray)->dict:
    "Non-dominated count, latency ratio and accuracy span (points) of the exact front of (err, lat), guessing left out."
    from modnas_nb.evaluation import pareto_front
    keep = err < 85
    nd = pareto_front(np.column_stack([err[keep], lat[keep]]))
    return {'n_front': len(nd), 'latency_ratio': float(nd[:, 1].max() / nd[:, 1].min()),
            'accuracy_span': float(nd[:, 0].max() - nd[:, 0].min()),
            'accuracy_range': [float(100 - nd[:, 0].max()), float(100 - nd[:, 0].min())]}

def measure(task_kwargs:dict, warmup:int, n_archs:int=200)->dict:
    "One configuration: warm up, score the sample's test errors, and each paper device's exact front."
    from modnas_nb.search import SearchConfig, MODNASSearch, scoring_archs, true_metric
    s = MODNASSearch(SearchConfig(n_reference=n_archs, warmup_steps=warmup).validated(), task_kwargs=task_kwargs, verbose=False)
    t0 = time.time(); losses = s.task.warmup(warmup); t_warm = time.time() - t0
    archs = scoring_archs(s)
    t0 = time.time(); err = s.task.true_error(archs); t_eval = time.time() - t0
    devices = {d.name: front_shape(err, true_metric(s, d, 'latency', archs)) for d in s.eval_devices}
    ok = [n for n, f in devices.items() if f['n_front'] >= SHAPE['n_front'] and f['latency_ratio'] >= SHAPE['latency_ratio']
          and f['accuracy_span'] >= SHAPE['accuracy_span']]
    acc = 100 - err[err < 85]
    return {'task_kwargs': task_kwargs, 'warmup_steps': warmup, 'n_archs': len(archs), 'final_warmup_loss': float(np.mean(losses[-20:])),
            'accuracy_percentiles': dict(zip(['p0', 'p10', 'p50', 'p90', 'best'], np.percentile(acc, [0, 10, 50, 90, 100]).round(1).tolist())),
            'median_accuracy_span': float(np.median([f['accuracy_span'] for f in devices.values()])),
            'devices_meeting_shape': len(ok), 'seconds': {'warmup': round(t_warm, 1), 'evaluation': round(t_eval, 1)},
            'load_average': os.getloadavg(), 'devices': devices}

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='reports/task_spread.json')
    ap.add_argument('--only', nargs='*', choices=list(CONFIGS), help='measure only these configurations')
    a = ap.parse_args()
    out = {}
    for name in a.only or CONFIGS:
        kw, w = CONFIGS[name]; r = out[name] = measure(kw, w)
        print(f"{name:18s} accuracy p10 {r['accuracy_percentiles']['p10']} best {r['accuracy_percentiles']['best']}  "
              f"front span (median device) {r['median_accuracy_span']:.1f} points  shape met on {r['devices_meeting_shape']}/19  "
              f"warm-up {r['seconds']['warmup']} s, evaluation {r['seconds']['evaluation']} s", flush=True)
    tmp = a.out + '.tmp'
    with open(tmp, 'w') as f: json.dump(out, f, indent=1)
    os.replace(tmp, a.out)  # never a half-written report
    print('wrote', a.out)
