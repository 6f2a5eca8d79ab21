"use client";

export type PackageGroup = { name: string; areas: { urn: string; name: string; packages: { urn: string; name: string }[] }[] };

/** Grouped by Altinn's areas; each area folds so the ~170 packages stay scannable. */
export function PackagePicker({ groups, selected }: { groups: PackageGroup[]; selected: string[] }) {
  return (
    <div className="max-h-96 overflow-y-auto rounded-md border border-slate-400 p-3">
      {groups.map((g) => (
        <div key={g.name} className="mb-3">
          <p className="text-sm font-semibold">{g.name}</p>
          {g.areas.map((a) => (
            <details key={a.urn} className="ml-2" open={a.packages.some((p) => selected.includes(p.urn)) || undefined}>
              <summary className="cursor-pointer py-1 text-sm">{a.name}</summary>
              <ul className="ml-4">
                {a.packages.map((p) => {
                  const id = `pkg-${p.urn.split(":").pop()}`;
                  return (
                    <li key={p.urn} className="flex items-center gap-2 py-0.5">
                      <input id={id} type="checkbox" name="accessPackages" value={p.urn} className="h-4 w-4" defaultChecked={selected.includes(p.urn)} />
                      <label htmlFor={id} className="text-sm">{p.name}</label>
                    </li>
                  );
                })}
              </ul>
            </details>
          ))}
        </div>
      ))}
    </div>
  );
}
