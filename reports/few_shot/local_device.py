# This machine as a new NB201 device: zero-shot vs few-shot (10 reference + 20 chosen archs), checked on 200 other archs.
# Run from the repo root with OMP_NUM_THREADS=1: MODNAS_DATA=../shared/data python reports/few_shot/local_device.py wall|thread|thread_rr
# (thread and thread_rr share a device name and so a cache file: run them with separate MODNAS_CACHE folders)
import json, sys, torch
torch.set_num_threads(1)
from modnas_nb.predictors import fit_meta_predictor
from modnas_nb.local import few_shot_report, MeasureSettings, measure_latency, distinct_sample
from modnas_nb.hardware import reference_archs
S = {'wall': MeasureSettings(), 'thread': MeasureSettings(clock='thread'),
     'thread_rr': MeasureSettings(clock='thread', warmup=3, repeats=3, number=3, rounds=3)}[sys.argv[1]]
measure_latency(list(reference_archs('nb201')) + distinct_sample(200, 0), S)  # one call: round-robin over all 210 archs
r = few_shot_report(fit_meta_predictor('nb201', 'latency'), S, n_extra=20, n_check=200)
json.dump(r, open(f'reports/few_shot/local_device_{sys.argv[1]}.json', 'w'), indent=1)
for k in ('zero_shot', 'adapted'): print(k, {m: v for m, v in r[k].items() if m != 'front'})
print(r['k'], r['ridge'], r['seconds'], r['loadavg_before'], r['loadavg_after'])
