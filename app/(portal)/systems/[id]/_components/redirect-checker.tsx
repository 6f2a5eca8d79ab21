"use client";
import { useState } from "react";
import { useT } from "@/components/providers";
import { checkRedirectUrl } from "@/lib/systems/redirects";

/** Live: the same rule Altinn applies to a request's redirectUrl (CONTRACT §4.1), no round trip. */
export function RedirectChecker({ allowed, suggestion }: { allowed: string[]; suggestion: string }) {
  const t = useT();
  const [value, setValue] = useState(suggestion);
  const verdict = checkRedirectUrl(value, allowed);
  const lines = verdict.ok
    ? [t("sysreg.check.ok", { url: verdict.matched })]
    : [
        t(`sysreg.check.${verdict.reason}`),
        ...(verdict.closest ? [t(`sysreg.check.${verdict.closest.differs}`, { url: verdict.closest.url })] : []),
      ];
  return (
    <div>
      <label htmlFor="redirect-check" className="block text-sm font-medium">
        {t("sysreg.check.label")}
      </label>
      <input
        id="redirect-check"
        type="url"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-describedby="redirect-check-hint redirect-check-result"
        className="mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 font-mono text-sm"
      />
      <p id="redirect-check-hint" className="mt-1 text-xs text-slate-700">
        {t("sysreg.check.hint")}
      </p>
      <div
        id="redirect-check-result"
        role="status"
        aria-live="polite"
        className={`mt-2 rounded-md border p-3 text-sm ${verdict.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
      >
        {lines.map((l) => (
          <p key={l}>
            {verdict.ok ? "✓ " : "✗ "}
            {l}
          </p>
        ))}
      </div>
    </div>
  );
}
