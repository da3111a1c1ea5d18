# Noise ceiling of this machine's thread-time latencies: how well any model fitted on the 200 check archs ranks them (10-fold CV),
# and how well the measurement agrees with itself. Run: MODNAS_CACHE=<cache with the measurements> MODNAS_DATA=../shared/data python reports/few_shot/noise_ceiling.py
# (needs reports/few_shot/local_device_thread.json for the adaptation archs)
import json, sys, numpy as np, torch
torch.set_num_threads(1)
from scipy.stats import spearmanr
from modnas_nb.local import MeasureSettings, distinct_sample, cached_latency, nb201_flops
from modnas_nb.spaces import get_space
from modnas_nb.predictors import *
from modnas_nb.predictors import _head_design, _ridge_loo
from modnas_nb.hardware import reference_archs
sp = get_space('nb201'); S = MeasureSettings(clock='thread')
c = cached_latency(S); r = json.load(open(sys.argv[1] if len(sys.argv) > 1 else 'reports/few_shot/local_device_thread.json'))
check = distinct_sample(200, 0); adapt = [sp.from_str(a) for a in r['adapted_archs']]
refs = list(reference_archs('nb201')); ref = np.array([c[a] for a in refs]); emb = embedding_units(ref, ref)
P = fit_meta_predictor('nb201', 'latency')
f = lambda aa: sp.features(sp.encode_batch(aa)).numpy()
yc = np.array([c[a] for a in check]); ya = np.array([c[a] for a in adapt])
p, Z = _head_design(P, f(adapt), emb); y = embedding_units(ya, ref)
pc, Zc = _head_design(P, f(check), emb)
print('zero', spearmanr(pc, yc)[0], 'flops', spearmanr([nb201_flops(a, S) for a in check], yc)[0])
for lam in [0.01, 0.1, 1, 10, 100, 1000]:
    coef, b, loo = _ridge_loo(Z, y - p, lam)
    print(lam, 'loo mse', np.mean(loo**2).round(5), 'check rho', spearmanr(pc + Zc @ coef + b, yc)[0].round(3))
# ceiling: a LUT + meta fitted by CV on the 200 check archs
from sklearn.model_selection import cross_val_predict
from sklearn.linear_model import RidgeCV
yce = embedding_units(yc, ref)
pr = cross_val_predict(RidgeCV(alphas=[0.01,0.1,1,10]), Zc, yce - pc, cv=10) + pc
print('10-fold CV on the 200 check archs, meta+linear head', spearmanr(pr, yc)[0])
pr2 = cross_val_predict(RidgeCV(alphas=[0.01,0.1,1,10]), f(check), yce, cv=10)
print('10-fold CV pure LUT', spearmanr(pr2, yc)[0])
# block spread
from modnas_nb.local import cache_file
d = json.load(open(cache_file(S)))['archs']
bl = np.array([d[sp.arch_str(a)]['block_ms'] for a in check]); print('rel IQR', np.median((np.percentile(bl,75,1)-np.percentile(bl,25,1))/bl.mean(1)))
print('spearman median vs min of blocks', spearmanr(np.median(bl,1), bl.min(1))[0], 'zero vs min', spearmanr(pc, bl.min(1))[0])
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
for name, m in [('gbm', GradientBoostingRegressor(n_estimators=300, max_depth=3, learning_rate=0.05)), ('rf', RandomForestRegressor(300, min_samples_leaf=2))]:
    prx = cross_val_predict(m, np.column_stack([f(check), pc]), yce, cv=10)
    print(name, 'CV on check with meta feature', spearmanr(prx, yc)[0])
# test-retest proxy: half the blocks vs the other half
print('odd vs even blocks', spearmanr(np.median(bl[:, ::2], 1), np.median(bl[:, 1::2], 1))[0])
