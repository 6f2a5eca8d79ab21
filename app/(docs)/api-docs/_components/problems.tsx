import { DocTable } from "./doc-table";
import type { ApiReference } from "@/lib/api/reference";
import type { Locale, Translate } from "@/lib/i18n";
import { InlineCode } from "./inline-code";

/** Every stable code, each with the anchor a problem's `type` URI points at. */
export function Problems({
  problems,
  t,
  locale,
}: {
  problems: ApiReference["problems"];
  t: Translate;
  locale: Locale;
}) {
  return (
    <section aria-labelledby="problems" className="mb-10">
      <h2 id="problems" className="mb-2 text-xl font-bold">
        {t("apidocs.problems.title")}
      </h2>
      <p className="mb-4 text-sm">{t("apidocs.problems.body")}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white p-4">
        <DocTable
          caption={t("apidocs.problems.title")}
          columns={[t("apidocs.col.code"), t("apidocs.col.status"), t("apidocs.col.description")]}
        >
          {problems.map((p) => (
            <tr
              key={p.code}
              id={`problem-${p.code}`}
              className="scroll-mt-4 border-b border-slate-200 align-top target:bg-brand-50"
            >
              <th scope="row" className="py-1 pr-3 font-normal">
                <code>{p.code}</code>
              </th>
              <td className="py-1 pr-3">{p.status}</td>
              <td className="py-1">
                <InlineCode text={locale === "nb" ? p.titleNb : p.title} />
              </td>
            </tr>
          ))}
        </DocTable>
      </div>
    </section>
  );
}
