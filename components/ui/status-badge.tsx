const colours: Record<string, string> = {
  New: "bg-amber-100 text-amber-900 border-amber-700",
  Accepted: "bg-green-100 text-green-900 border-green-700",
  Rejected: "bg-red-100 text-red-900 border-red-700",
  Denied: "bg-red-100 text-red-900 border-red-700",
  Timedout: "bg-slate-200 text-slate-900 border-slate-600",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      data-status={status}
      className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${colours[status] ?? colours.Timedout}`}
    >
      {label}
    </span>
  );
}
