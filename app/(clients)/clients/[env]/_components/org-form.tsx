import type { Translate } from "@/lib/i18n";
import { Button } from "@/components/ui/button";

/** Without ?org= the page does not know which facilitator the administrator acts for: ask. */
export function OrgForm({ base, t }: { base: string; t: Translate }) {
  return (
    <form method="get" action={base} className="rounded-lg border border-slate-300 bg-white p-6">
      <label htmlFor="org" className="block text-sm font-medium">
        {t("requests.orgNo")}
      </label>
      <input
        id="org"
        name="org"
        inputMode="numeric"
        autoComplete="off"
        required
        className="mb-4 mt-1 block w-full rounded-md border border-slate-500 px-3 py-2"
      />
      <Button type="submit">{t("clients.why.submit")}</Button>
    </form>
  );
}
