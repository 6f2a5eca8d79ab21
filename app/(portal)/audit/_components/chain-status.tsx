import type { ChainState } from "@/lib/audit/status";
import type { Translate } from "@/lib/i18n";

/** Green when every chain shown holds from its newest signed checkpoint; red, naming the first bad event, when not. */
export function ChainStatus({ status, t }: { status: { ok: boolean; chains: ChainState[] }; t: Translate }) {
  return (
    <div
      role="status"
      data-chain-ok={status.ok}
      className={`mb-4 rounded-md border p-3 text-sm ${status.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      <ul>
        {status.chains.map((c) => (
          <li key={c.chain}>
            {c.ok ? t("audit.chainOk", { n: c.checked }) : t("audit.chainBroken", { seq: c.problem?.seq ?? "?" })}
          </li>
        ))}
      </ul>
    </div>
  );
}
