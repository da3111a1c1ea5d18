# This machine as a new NB201 device: zero-shot vs few-shot (10 reference + 20 chosen archs), checked on 200 other archs.
# Run from the repo root with OMP_NUM_THREADS=1: MODNAS_DATA=../shared/data python reports/few_shot/local_device.py wall|thread
import json, sys, time, torch
torch.set_num_threads(1)
from modnas_nb.predictors import fit_meta_predictor
from modnas_nb.local import few_shot_report, MeasureSettings
r = few_shot_report(fit_meta_predictor('nb201', 'latency'), MeasureSettings(clock=sys.argv[1]), n_extra=20, n_check=200)
json.dump(r, open(f'reports/few_shot/local_device_{sys.argv[1]}.json', 'w'), indent=1)
for k in ('zero_shot', 'adapted'): print(k, {m: v for m, v in r[k].items() if m != 'front'})
print(r['k'], r['ridge'], r['seconds'], r['loadavg_before'], r['loadavg_after'])
