// A small uPlot wrapper: creates the plot once per mount, swaps data in place on updates and
// follows its container's width.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

type AlignedData = uPlot.AlignedData;
type Options = uPlot.Options;
import 'uplot/dist/uPlot.min.css';

export function Chart({ options, data, testId }: { options: Omit<Options, 'width'>; data: AlignedData; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const optsKey = JSON.stringify({ s: options.series.map((s) => s.label), h: options.height, b: options.bands?.length ?? 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const p = new uPlot({ ...options, width: Math.max(120, el.clientWidth) } as Options, data, el);
    plot.current = p;
    const ro = new ResizeObserver(() => p.setSize({ width: Math.max(120, el.clientWidth), height: options.height }));
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
