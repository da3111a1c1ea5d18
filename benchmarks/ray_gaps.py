"""Benchmark: where a search loses to the best its own signals allow, ray by ray; and upper-level variants measured that way.

    OMP_NUM_THREADS=1 python benchmarks/ray_gaps.py -p space gpt -p task benchmark -p metrics energy [--seeds 0 1 2] [--variant NAME] [--out F]

For each seed: run the search (`-p NAME VALUE`: any `SearchConfig` field, as papermill passes them), then on every evaluation
device and every one of the evaluation rays, the gap = the run's own scalarised loss (`run_objectives`: its task signal and
MetaPredictor, no scoring data) of the hypernetwork's architecture minus the smallest such loss over the scoring reference
set (`scoring_archs`: the measured table, all archs of an enumerable tabular space, else the seeded sample). A gap of 0 is a
perfect optimiser of the run's signals on that ray (`limit_rays`); a negative one is an arch outside the reference set
that the signals rate higher. `ray_ceilings`: the rays' optima over the reference set chosen by the run's own signals
(`own_<scalarisation>`; the run's own one is the `limit_rays` control) or by the true objectives (`true_...`), linear and
Chebyshev, with their mean hv_ratio and on how many devices they meet issue 19's shape (`front_shape`). Under 'table' scoring the hypernetwork's argmax (`raw`) and its projection onto the table
(`found`, what is scored) are both reported.

`--variant` changes the upper level for this benchmark only (monkeypatched here, not options of the library):
  rays_per_device:K  K preference rays per training device in every step, their gradients averaged before MGDA
  project_arch       under 'table' scoring, project onto the table arch nearest in one-hot distance, not in the run's objectives
  shared_ray         one preference ray per step shared by every device (MGDA then combines devices, not rays)
Needs MODNAS_DATA for spaces or tasks that read the benchmark data. Thread count changes the path: it is recorded.
"""
import argparse, json, os, sys, tempfile
import numpy as np
import torch
import modnas_nb.search as S
from modnas_nb.core import preference_rays, write_json_atomic
from modnas_nb.hypernetwork import per_sample_grads
from modnas_nb.evaluation import evaluate_front, front_shape, normalise, shape_met

def _rays_per_device(K):
    "`device_gradients` with K rays per training device (batched mode, no synthetic devices)."
    def device_gradients(s):
        if s.synthetic: raise ValueError("rays_per_device is measured without synthetic devices: pass -p synthetic_devices 0")
        D = len(s.train_devices)
        r = S.sample_preferences(D * K, s.n_obj, generator=s.gen)
        idx = torch.arange(D).repeat_interleave(K)
        e = s.emb_train[s.cfg.metrics[0]][idx]
        logits = s.hnet(r, e)
        with S.frozen(s.w): F = s.objectives(s.sample(logits, tau=s._tau(), generator=s.gen), idx=idx)
        L = S.scalarise(F, r, s.cfg.scalarisation)
        dlogits = torch.autograd.grad(L.sum(), logits)[0]
        return per_sample_grads(s.hnet, r, e, dlogits).view(D, K, -1).mean(1), F.detach(), r
    return device_gradients

def _project_arch(s, archs, emb):
    "The table arch nearest to each arch in one-hot distance (canonical forms)."
    if getattr(s, '_onehot_table', None) is None:
        s._onehot_table = s.space.encode_batch([s.space.canonical(a) for a in s.table]).flatten(1).numpy()
    A = s.space.encode_batch([s.space.canonical(a) for a in archs]).flatten(1).numpy()
    return [s.table[k] for k in ((A[:, None, :] - s._onehot_table[None]) ** 2).sum(-1).argmin(1)]

def apply_variant(name:str):
    "Patch `modnas_nb.search` for one variant ('none' leaves it as it is)."
    if name == 'none': return
    if name.startswith('rays_per_device:'):
        k = name.split(':', 1)[1]
        if not k.isdigit() or int(k) < 1: raise ValueError(f"rays_per_device needs a positive whole number of rays, e.g. rays_per_device:8, got {name!r}")
        S.device_gradients = _rays_per_device(int(k)); return
    if name == 'project_arch': S.nearest_measured = _project_arch; return
    if name == 'shared_ray':
        draw, step = S.sample_preferences, S.device_gradients
        def device_gradients(s):
            n_rows = len(s.train_devices) + s.n_synthetic  # the step's preference draw; a synthetic device's mixture draw has another size
            S.sample_preferences = lambda n, m, generator=None: (draw(1, m, generator=generator).expand(n, -1).contiguous()
                                                                 if (n, m) == (n_rows, s.n_obj) else draw(n, m, generator=generator))
            try: return step(s)
            finally: S.sample_preferences = draw
        S.device_gradients = device_gradients; return
    raise ValueError(f"variant must be 'none', 'rays_per_device:K', 'project_arch' or 'shared_ray', got {name!r}")

@torch.no_grad()
def ray_gaps(s, cands:list, sig_cands:np.ndarray)->dict:
    "{device: {'split', 'raw': gaps (K,), 'found': gaps (K,)}} of a finished run (see the module's docstring); `cands`: its `scoring_archs`, `sig_cands` their task signal."
    rays = preference_rays(s.n_obj, s.cfg.n_rays)
    out = {}
    for i, d in enumerate(s.eval_devices):
        emb = S._embs(s.emb_eval, i); e = emb[s.cfg.metrics[0]]
        raw = s.space.decode_batch(s.hnet(torch.tensor(rays, dtype=torch.float32), e.expand(len(rays), -1)))
        found = S.device_archs(s, emb, rays)
        archs = cands + raw + found
        F = S.run_objectives(s, archs, emb, sig=np.concatenate([sig_cands, s.task.signal(raw + found)]))
        L = S.scalarise(F[:, None], rays[None], s.cfg.scalarisation)  # (N, K)
        best, k = L[:len(cands)].min(0), np.arange(len(rays))
        out[d.name] = {'split': d.split, 'raw': (L[len(cands) + k, k] - best).tolist(),
                       'found': (L[len(cands) + len(raw) + k, k] - best).tolist()}
    return out

@torch.no_grad()
def ray_ceilings(s, cands:list, sig_cands:np.ndarray)->dict:
    "Mean hv_ratio and shape count over the devices of the rays' optima over the reference set `cands` (signal `sig_cands`), by the run's own signals and by the true objectives, linear and Chebyshev."
    rays = preference_rays(s.n_obj, s.cfg.n_rays)
    err = s.task.true_error(cands)
    out = {}
    for i, d in enumerate(s.eval_devices):
        T, keep = S._objective_rows(s, d, cands, err)
        own = S.run_objectives(s, [cands[k] for k in keep], S._embs(s.emb_eval, i), sig=sig_cands[keep])
        ok = T[:, 0] < (s.task.max_error if s.task.max_error is not None else np.inf)
        true = np.where(ok[:, None], normalise(T, T[ok].min(0), T[ok].max(0)), 1e9)  # as `evaluate_front` normalises; filtered rows never chosen
        for signals, F in (('own', own), ('true', true)):
            for kind in ('linear', 'chebyshev'):
                pick = S.scalarise(F[:, None], rays[None], kind).argmin(0)
                r = out.setdefault(f'{signals}_{kind}', {'hv_ratio': [], 'shape_met': 0})
                r['hv_ratio'].append(float(evaluate_front(T[pick], T, max_error=s.task.max_error)['hv_ratio']))
                r['shape_met'] += shape_met(front_shape(T[pick], max_error=s.task.max_error))
    return {k: {'hv_ratio': round(float(np.mean(v['hv_ratio'])), 4), 'shape_met': int(v['shape_met']), 'devices': len(s.eval_devices)} for k, v in out.items()}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    ap.add_argument('--variant', default='none'); ap.add_argument('--out', default=None)
    ap.add_argument('-p', '--param', nargs=2, action='append', default=[], metavar=('NAME', 'VALUE'))
    a = ap.parse_args()
    apply_variant(a.variant)
    rows = []
    for seed in a.seeds:
        cfg = S.SearchConfig(**{**dict(a.param), 'seed': seed}).validated()
        s = S.MODNASSearch(cfg)
        with tempfile.TemporaryDirectory() as tmp: res = S.run(s, tmp, progress=False)
        cands = S.scoring_archs(s)  # the signal of each is computed once per run: a supernet's costs a forward per arch
        sig = s.task.signal(cands)
        gaps = ray_gaps(s, cands, sig)
        per_ray = {sp: {kind: np.mean([g[kind] for g in gaps.values() if g['split'] == sp], 0).round(4).tolist() for kind in ('raw', 'found')}
                   for sp in sorted({g['split'] for g in gaps.values()})}
        row = {'seed': seed, 'search_seconds': res['wall_seconds'], **{k: round(v, 4) for k, v in res['summary'].items()},
               'controls': {c: {k: round(x, 4) for k, x in v.items()} for c, v in res['controls'].items()},
               'shape_met': {k: sum(shape_met(d[k]) for d in res['devices'].values()) for k in ('shape', 'reference_shape')},
               'ray_ceilings': ray_ceilings(s, cands, sig), 'mean_gap_per_ray': per_ray, 'devices': gaps}
        print(json.dumps({k: v for k, v in row.items() if k != 'devices'}), flush=True); rows.append(row)
    splits = [k for k in rows[0] if k.startswith('mean_hv_ratio_')]
    summary = {k: round(float(np.mean([r[k] for r in rows])), 4) for k in splits}
    print(f"variant {a.variant}: " + ', '.join(f"{k} {v:.4f}" for k, v in summary.items()))
    if a.out:
        write_json_atomic({'command': ' '.join(['python', *sys.argv]), 'threads': os.environ.get('OMP_NUM_THREADS', 'torch default'),
                           'variant': a.variant, 'params': dict(a.param), 'summary': summary, 'seeds': rows}, a.out)
        print(f"wrote {a.out}")

if __name__ == '__main__': main()
