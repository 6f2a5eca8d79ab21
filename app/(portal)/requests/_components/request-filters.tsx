import type { Translate } from "@/lib/i18n";
import { REQUEST_STATUSES, type RequestFilter } from "@/lib/requests/list-schema";

const control = "mt-1 block rounded-md border border-slate-500 bg-white px-3 py-2 text-sm";

/** A plain GET form: filters live in the URL, so they work without JavaScript and can be bookmarked. */
export function RequestFilters({ t, filter }: { t: Translate; filter: RequestFilter }) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="q" className="block text-sm font-medium">
          {t("requestList.search")}
        </label>
        <input id="q" name="q" type="search" inputMode="numeric" defaultValue={filter.q ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="status" className="block text-sm font-medium">
          {t("requests.status")}
        </label>
        <select id="status" name="status" defaultValue={filter.status ?? ""} className={control}>
          <option value="">{t("requestList.all")}</option>
          {REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-slate-500 bg-white px-3 py-2 text-sm font-medium">
        {t("requestList.filter")}
      </button>
    </form>
  );
}
