// The heatmap legend ON the globe (bottom left of the globe's container): what is shown (metric,
// unit, absolute or Δ vs before the last edit), a colour bar with labelled ticks, how the range was
// chosen, the "never served" swatch, and the toggle between the absolute and the Δ view. Plain
// DOM so the heatmap layer owns it with no React root; it reads the same scale as the colours.
import './legend.css';
import { legendGradient, tickPosition, type Scale } from './colors';

export interface LegendModel {
  scale: Scale;
  /** A Δ reference exists (an edit was made): the toggle is offered. */
  canDiff: boolean;
  /** The Δ view was asked for but there is no earlier result yet. */
  waitingFor: string | null;
}

export interface LegendHandlers {
  toggleDiff(): void;
  refit(): void;
}

export interface HeatmapLegendView {
  update(model: LegendModel | null): void;
  destroy(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function createHeatmapLegend(container: Element, on: LegendHandlers): HeatmapLegendView {
  const root = el('div', 'hm-legend');
  root.dataset.globeHud = '';
  root.dataset.testid = 'heatmap-legend';
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', 'Heatmap legend');
  const title = el('div', 'hm-legend__title');
  const bar = el('div', 'hm-legend__bar');
  const ticks = el('div', 'hm-legend__ticks');
  const words = el('div', 'hm-legend__words');
  const note = el('div', 'hm-legend__note');
  const nodata = el('div', 'hm-legend__nodata');
  nodata.append(el('span', 'hm-legend__swatch'), document.createTextNode(' never served'));
  const actions = el('div', 'hm-legend__actions');
  const toggle = el('button', 'hm-legend__btn');
  toggle.type = 'button';
  toggle.dataset.testid = 'heatmap-diff-toggle';
  toggle.addEventListener('click', () => on.toggleDiff());
  const refit = el('button', 'hm-legend__btn', 'Refit');
  refit.type = 'button';
  refit.title = 'Fit the colour range to the values shown now (p2–p98)';
  refit.addEventListener('click', () => on.refit());
  actions.append(toggle, refit);
  root.append(title, bar, ticks, words, note, nodata, actions);
  root.hidden = true;
  container.appendChild(root);
  // Clicks on the legend must not reach the globe (a click there places a gateway in add mode).
  for (const type of ['pointerdown', 'mousedown', 'click', 'dblclick', 'wheel'] as const) root.addEventListener(type, (e) => e.stopPropagation());

  return {
    update(model) {
      if (!model) {
        root.hidden = true;
        return;
      }
      const { scale } = model;
      root.hidden = false;
      root.dataset.mode = scale.diff ? 'diff' : 'absolute';
      root.dataset.metric = scale.metric;
      title.replaceChildren(document.createTextNode(scale.label + ' '), el('span', 'hm-legend__unit', `(${scale.unit})`));
      if (model.waitingFor) title.append(el('span', 'hm-legend__unit', ` — no ${model.waitingFor} yet`));
      bar.style.background = legendGradient(scale);
      ticks.replaceChildren(
        ...scale.ticks.map((v) => {
          const t = el('span', 'hm-legend__tick', scale.tickText(v));
          const x = tickPosition(scale, v);
          t.style.left = `${(100 * x).toFixed(2)}%`;
          t.style.transform = x <= 0.001 ? 'none' : x >= 0.999 ? 'translateX(-100%)' : 'translateX(-50%)';
          return t;
        }),
      );
      words.hidden = scale.lowWord === null;
      words.replaceChildren(el('span', '', scale.lowWord ? `← ${scale.lowWord}` : ''), el('span', '', scale.highWord ? `${scale.highWord} →` : ''));
      note.textContent = scale.note;
      nodata.hidden = scale.diff;
      toggle.hidden = !model.canDiff && !scale.diff;
      toggle.textContent = scale.diff ? 'Show absolute' : 'Show Δ vs before last edit';
      toggle.setAttribute('aria-pressed', String(scale.diff));
      refit.hidden = scale.diff || scale.metric === 'served';
    },
    destroy() {
      root.remove();
    },
  };
}
