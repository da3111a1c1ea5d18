# Per held-out NB201 device of the paper and hard splits: MetaPredictor vs nearest training device, and few-shot (10 + 20 archs).
# Run from the repo root: MODNAS_DATA=../shared/data python reports/few_shot/splits.py full   (or small: the test size)
import sys, numpy as np, torch, pandas as pd, time
torch.set_num_threads(1)
pd.set_option('display.width', 200)
from modnas_nb.predictors import *
hp = dict(steps=300, hidden=64, depth=2) if sys.argv[1] == 'small' else {}
t0 = time.time()
for name, (train, held) in nb201_splits().items():
    P = fit_meta_predictor('nb201', 'latency', train, **hp)
    vs = predictor_vs_nearest(P, held)
    fs = pd.DataFrame({n: few_shot_spearman(P, n) for n in held}).T
    t = vs.join(fs[['zero_shot', 'adapted', 'ridge']])
    t.to_csv(f"reports/few_shot/nb201_{name}_split_{sys.argv[1]}.csv")
    print(f"--- {name} ({sys.argv[1]}), trained {P.info['train_seconds']:.0f}s cached={P.info['cached']}"); print(t.drop(columns=['n_archs']).round(3).to_string())
    print('mean', t[['predictor', 'nearest', 'zero_shot', 'adapted']].mean().round(4).to_dict(), flush=True)
print(time.time() - t0)
