export type BarSegment = { key: string; value: number; fill: string };
export type BarRow = { key: string; label: string; segments: BarSegment[]; note: string };

const ROW = 46;
const BAR = 16;

/**
 * Horizontal bars, one per row, each split into segments (e.g. accepted, rejected, …), scaled to the largest
 * row, with the row's label and a short note above it. Plain SVG named by the figure's caption (the numbers
 * are in the figure's table). Lengths across are percentages and text has a fixed size, so the labels stay
 * readable in a narrow column as in a wide one.
 */
export function BarRows({ labelledBy, rows }: { labelledBy: string; rows: BarRow[] }) {
  const total = (r: BarRow) => r.segments.reduce((n, s) => n + s.value, 0);
  const max = Math.max(1, ...rows.map(total));
  return (
    <svg
      role="img"
      aria-labelledby={labelledBy}
      width="100%"
      height={rows.length * ROW}
      className="block"
      data-testid="bar-rows"
    >
      {rows.map((r, i) => {
        const y = i * ROW;
        let x = 0;
        return (
          <g key={r.key}>
            <text x="0" y={y + 14} className="fill-slate-900 text-[13px]">
              {r.label}
              <tspan className="fill-slate-700 text-[12px]"> · {r.note}</tspan>
            </text>
            <rect x="0" y={y + 20} width="100%" height={BAR} className="fill-slate-100" />
            {r.segments.map((s) => {
              const w = (s.value / max) * 100;
              const rect = (
                <rect
                  key={s.key}
                  x={`${x}%`}
                  y={y + 20}
                  width={`${w}%`}
                  height={BAR}
                  className={`${s.fill} stroke-white`}
                />
              );
              x += w;
              return rect;
            })}
          </g>
        );
      })}
    </svg>
  );
}
