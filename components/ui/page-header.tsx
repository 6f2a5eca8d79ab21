import type { ReactNode } from "react";

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      {children}
    </div>
  );
}

export function Card({ title, children }: { title?: string; children: ReactNode }) {
  // A titled card is a named region, so screen-reader users (and tests) can jump to it by name.
  const id = title ? `card-${title.toLowerCase().replace(/[^a-z0-9æøå]+/g, "-")}` : undefined;
  return (
    <section aria-labelledby={id} className="mb-6 rounded-lg border border-slate-300 bg-white p-5 shadow-sm">
      {title && (
        <h2 id={id} className="mb-4 text-lg font-semibold">
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}
