"""README.md is nbs/index.ipynb's markdown (Quarto, which nbdev_readme needs, is not available everywhere).

`python3 .ci/readme.py check`   fails if README.md differs from the markdown cells of nbs/index.ipynb
`python3 .ci/readme.py write`   rewrites README.md from nbs/index.ipynb
`python3 .ci/readme.py command NAME`  prints README's command tagged <!-- cmd:NAME -->
"""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def from_index() -> str:
    nb = json.loads((root/'nbs'/'index.ipynb').read_text())
    cells = [''.join(c['source']).strip() for c in nb['cells'] if c['cell_type'] == 'markdown']
    return '\n\n'.join(cells) + '\n'

def command(name: str) -> str:
    m = re.search(rf'<!-- cmd:{name} -->\s*```\w*\n(.+?)\n```', (root/'README.md').read_text(), re.S)
    if not m: sys.exit(f'README.md has no command tagged <!-- cmd:{name} -->')
    return m.group(1).strip()

if __name__ == '__main__':
    what = sys.argv[1] if len(sys.argv) > 1 else 'check'
    if what == 'write': (root/'README.md').write_text(from_index())
    elif what == 'command': print(command(sys.argv[2]))
    elif what == 'check':
        if (root/'README.md').read_text() != from_index():
            sys.exit('README.md is out of step with nbs/index.ipynb: run `python3 .ci/readme.py write`')
        print('README.md matches nbs/index.ipynb')
    else: sys.exit(__doc__)
