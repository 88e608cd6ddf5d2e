// The render benches and click-to-heatmap (session.bench.ts), for a machine that has a GPU but no
// project checkout or npm: bundled by scripts/gpu-bench-pack.sh into one file that needs only node
// and @playwright/test. Pass RENDER_GL_ARGS (see render.bench.ts), CHROMIUM_PATH and RENDER_ROOT.
//   node bench.mjs [group...] [--skip=text]   groups default to "render"; --skip drops the
//                                             benches whose name contains the text
import './device-argv';
import { loadBenches } from './render.bench';
import { runChosen } from './run';
import { benches as sessionBenches } from './session.bench';

const args = process.argv.slice(2);
const groups = args.filter((a) => !a.startsWith('--'));
const skip = args.filter((a) => a.startsWith('--skip=')).map((a) => a.slice('--skip='.length));
const all = [...(await loadBenches()), ...sessionBenches];
const chosen = all.filter((b) => (groups.length ? groups : ['render']).includes(b.group) && !skip.some((s) => b.name.includes(s)));
await runChosen(chosen);
