import type { ReactNode } from "react";

/**
 * The reference's one table shape: a caption (visible or for screen readers only), header cells with
 * column scope, and the rows given. Every table on the page reads the same to assistive technology.
 */
export function DocTable({
  caption,
  captionVisible = false,
  columns,
  children,
}: {
  caption: string;
  captionVisible?: boolean;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className={captionVisible ? "mb-1 text-left font-medium" : "sr-only"}>{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          {columns.map((c, i) => (
            <th key={c} scope="col" className={i < columns.length - 1 ? "py-1 pr-3" : "py-1"}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
