// A small uPlot wrapper: creates the plot once per mount, swaps data in place on updates and
// follows its container's width. Axes get readable defaults (tick spacing for several labels in
// a panel-wide chart, 11 px labels) unless the caller sets them.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

type AlignedData = uPlot.AlignedData;
type Options = uPlot.Options;
import 'uplot/dist/uPlot.min.css';

/** Charts are never shorter than this: below it the y axis has room for only its two end labels. */
export const MIN_CHART_HEIGHT = 130;
/** Minimum pixels between ticks: x labels are wider ("12:30", "100") than y labels. */
const X_TICK_SPACE = 42;
const Y_TICK_SPACE = 18;
const AXIS_FONT = '11px system-ui';
/** Width of one tick-label character at 10-11 px (digits are the widest glyphs used). */
const CHAR_PX = 7;

/** Fills in the axis defaults that make a ~280 px chart show 4-6 labelled ticks per axis. */
export function readableAxes(axes: uPlot.Axis[] | undefined): uPlot.Axis[] {
  const list = axes && axes.length > 0 ? axes : [{}, {}];
  return list.map((a, i) => {
    const axis: uPlot.Axis = { font: AXIS_FONT, ...a, space: a.space ?? (i === 0 ? X_TICK_SPACE : Y_TICK_SPACE) };
    if (i === 0 || typeof a.size === 'function') return axis;
    // A y axis is as wide as its longest label needs (a fixed 34 px cut "98.95" to ".95").
    const fixed = a.size ?? 0;
    const label = a.label ? (a.labelSize ?? 14) : 0;
    axis.size = (_u, values) => Math.max(fixed, label + 14 + Math.max(0, ...(values ?? []).map((v) => String(v).length)) * CHAR_PX);
    return axis;
  });
}

/**
 * Writes the labels uPlot drew on each axis into data-ticks-x / data-ticks-y ("0|25|50"), so tests
 * and accessibility tools can read what the canvas shows. `_values` is uPlot's own list of the
 * label strings it just drew (not in its type declarations).
 */
export function exposeTicks(u: uPlot): void {
  const labels = (i: number) => ((u.axes[i] as { _values?: unknown[] } | undefined)?._values ?? []).filter((v) => v !== null && v !== '').map(String);
  u.root.dataset.ticksX = labels(0).join('|');
  u.root.dataset.ticksY = labels(1).join('|');
}

export function chartHeight(h: number | undefined): number {
  return Math.max(MIN_CHART_HEIGHT, h ?? 0);
}

export function Chart({ options, data, testId }: { options: Omit<Options, 'width'>; data: AlignedData; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const optsKey = JSON.stringify({ s: options.series.map((s) => s.label), h: options.height, b: options.bands?.length ?? 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const height = chartHeight(options.height);
    const hooks = { ...options.hooks, draw: [...(options.hooks?.draw ?? []), exposeTicks] };
    const p = new uPlot({ ...options, height, hooks, axes: readableAxes(options.axes), width: Math.max(120, el.clientWidth) } as Options, data, el);
    plot.current = p;
    const ro = new ResizeObserver(() => {
      if (el.clientWidth > 0) p.setSize({ width: Math.max(120, el.clientWidth), height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      p.destroy();
      plot.current = null;
    };
    // Options are rebuilt only when their shape changes; data flows through setData below.
  }, [optsKey]);
  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);
  return <div className="chart" ref={ref} data-testid={testId} />;
}
