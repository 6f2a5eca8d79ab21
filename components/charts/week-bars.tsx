export type WeekBar = { key: string; label: string; a: number | null; b: number | null };

const HEIGHT = 220;
const BOTTOM = 22;
const TOP = 14;
/** Where the plot starts, in percent of the width: the gridlines' labels sit left of it. */
const LEFT = 11;

/**
 * Two bars per week (e.g. median and 90th percentile) on a shared axis whose gridlines are `ticks`, labelled
 * with `format`; every other week is labelled, the last always. Weeks without a value leave a gap. Plain SVG
 * named by the figure's caption; lengths across are percentages, so the text keeps its size at any width.
 */
export function WeekBars({
  labelledBy,
  weeks,
  ticks,
  format,
  fills,
}: {
  labelledBy: string;
  weeks: WeekBar[];
  ticks: number[];
  format: (n: number) => string;
  fills: { a: string; b: string };
}) {
  const top = Math.max(1, ticks.at(-1) ?? 1);
  const plot = HEIGHT - BOTTOM - TOP;
  const y = (v: number) => TOP + plot - (v / top) * plot;
  const slot = (100 - LEFT) / Math.max(1, weeks.length);
  const bar = slot / 3;
  const pct = (n: number) => `${n}%`;
  return (
    <svg role="img" aria-labelledby={labelledBy} width="100%" height={HEIGHT} className="block">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pct(LEFT)} x2="100%" y1={y(t)} y2={y(t)} className="stroke-slate-300" />
          <text x="0" y={y(t) + 4} className="fill-slate-800 text-[11px]">
            {format(t)}
          </text>
        </g>
      ))}
      {weeks.map((w, i) => {
        const mid = LEFT + i * slot + slot / 2;
        const labelled = (weeks.length - 1 - i) % 2 === 0;
        return (
          <g key={w.key}>
            {w.a !== null && (
              <rect x={pct(mid - bar)} y={y(w.a)} width={pct(bar)} height={y(0) - y(w.a)} className={fills.a} />
            )}
            {w.b !== null && (
              <rect x={pct(mid)} y={y(w.b)} width={pct(bar)} height={y(0) - y(w.b)} className={fills.b} />
            )}
            {labelled && (
              <text x={pct(mid)} y={HEIGHT - 6} textAnchor="middle" className="fill-slate-800 text-[11px]">
                {w.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
