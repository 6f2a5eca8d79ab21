import type { ReactNode } from "react";

export type LegendItem = { label: string; swatch: string };

/**
 * A chart with what a screen reader needs: the figure and its SVG are named by the caption (one sentence with
 * the totals), and the same numbers are in a table behind a disclosure, for anyone who wants them exact.
 * The chart draws `aria-labelledby={captionId}` on its SVG (role="img").
 */
export function ChartFigure({
  captionId,
  caption,
  legend,
  chart,
  tableLabel,
  table,
  note,
}: {
  captionId: string;
  caption: string;
  legend: LegendItem[];
  chart: ReactNode;
  tableLabel: string;
  table: ReactNode;
  note?: ReactNode;
}) {
  return (
    <figure aria-labelledby={captionId} className="space-y-3">
      <figcaption id={captionId} className="text-sm text-slate-900">
        {caption}
      </figcaption>
      {chart}
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
        {legend.map((l) => (
          <li key={l.label} className="flex items-center gap-1.5">
            <span aria-hidden className={`inline-block h-3 w-3 rounded-sm ${l.swatch}`} />
            {l.label}
          </li>
        ))}
      </ul>
      {note && <p className="text-xs text-slate-700">{note}</p>}
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 underline">{tableLabel}</summary>
        {/* Focusable, so a keyboard can scroll a table wider than a phone's screen. */}
        <div tabIndex={0} className="mt-2 overflow-x-auto">
          {table}
        </div>
      </details>
    </figure>
  );
}

/** A plain data table: a caption, column headers, and one header cell per row. */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          {columns.map((c, i) => (
            <th key={c} scope="col" className={`py-1 pr-3 ${i > 0 ? "text-right" : ""}`}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-slate-200 align-top">
            {r.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="break-all py-1 pr-3 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={i} className="whitespace-nowrap py-1 pr-3 text-right tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
