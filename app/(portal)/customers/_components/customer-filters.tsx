import type { Translate } from "@/lib/i18n";
import { CUSTOMER_STATUSES, type CustomerFilter } from "@/lib/customers/schema";

const control = "mt-1 block rounded-md border border-slate-500 bg-white px-3 py-2 text-sm";

/** A plain GET form: filters live in the URL, so they work without JavaScript and can be bookmarked. */
export function CustomerFilters({ t, filter, tags }: { t: Translate; filter: CustomerFilter; tags: string[] }) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="q" className="block text-sm font-medium">
          {t("customers.search")}
        </label>
        <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="tag" className="block text-sm font-medium">
          {t("customers.filter.tag")}
        </label>
        <select id="tag" name="tag" defaultValue={filter.tag ?? ""} className={control}>
          <option value="">{t("customers.filter.all")}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="status" className="block text-sm font-medium">
          {t("customers.filter.status")}
        </label>
        <select id="status" name="status" defaultValue={filter.status ?? ""} className={control}>
          <option value="">{t("customers.filter.all")}</option>
          {CUSTOMER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`customers.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-slate-500 bg-white px-3 py-2 text-sm font-medium">
        {t("customers.filter")}
      </button>
    </form>
  );
}
