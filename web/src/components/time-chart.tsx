// A time series chart (uPlot): days or times on x, one or more series on y, an optional target
// line. Drawn on a canvas, so the same numbers are also given as a table for screen readers.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  dash?: number[];
}

export function TimeChart({ title, times, series, height = 240 }: { title: string; times: number[]; series: Series[]; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || times.length === 0) return undefined;
    const css = getComputedStyle(document.documentElement);
    const fg = css.getPropertyValue('--fg-2').trim() || '#555';
    const grid = css.getPropertyValue('--border').trim() || '#ddd';
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, ...(s.dash ? { dash: s.dash } : {}), points: { show: times.length < 60 } }))],
        axes: [axis, axis],
        scales: { x: { time: true } },
        legend: { show: true },
      },
      [times, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [times, series, height]);
  return (
    <figure className="chart">
      <div ref={ref} role="img" aria-label={title} />
      <figcaption className="sr-only">{title}</figcaption>
      <table className="sr-only" aria-label={`${title}: data`}>
        <thead>
          <tr>
            <th scope="col">When</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {times.map((t, n) => (
            <tr key={n}>
              <th scope="row">{new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ')}</th>
              {series.map((s) => (
                <td key={s.label}>{s.values[n] ?? '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** "2026-03-31" or an ISO time → seconds since the epoch (uPlot's x). */
export const toSeconds = (iso: string): number => Math.round(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).getTime() / 1000);
