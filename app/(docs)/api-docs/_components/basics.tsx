import { DocTable } from "./doc-table";
import type { ReactNode } from "react";
import { API_SCOPES } from "@/lib/auth/api-scopes";
import type { Translate } from "@/lib/i18n";
import { CodeBlock } from "./inline-code";

export const BASICS = ["auth", "idempotency", "pagination", "rate-limits", "errors", "example"] as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6">
      <h3 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

const PROBLEM_EXAMPLE = {
  type: "https://portal.example/api-docs#problem-invalid_request",
  title: "Bad Request",
  status: 400,
  detail: "The request has invalid fields.",
  code: "invalid_request",
  messages: { nb: "Forespørselen har ugyldige felt.", en: "The request has invalid fields." },
  errors: [{ path: "body.orgNo", message: "The organisation number is not valid (the check digit is wrong)." }],
};

/** Authentication, idempotency, pagination, rate limits, errors and a curl example. */
export function Basics({ t, baseUrl }: { t: Translate; baseUrl: string }) {
  const curl = [
    `curl -X POST ${baseUrl}/requests \\`,
    `  -H "Authorization: Bearer $SBP_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Accept-Language: en" \\`,
    `  -H "Idempotency-Key: $(uuidgen)" \\`,
    `  -d '{"systemId": "991825827_payroll", "orgNo": "310904473"}'`,
  ].join("\n");
  return (
    <section aria-labelledby="basics" className="mb-10">
      <h2 id="basics" className="mb-4 text-xl font-bold">
        {t("apidocs.basics")}
      </h2>
      <Section id="auth" title={t("apidocs.auth.title")}>
        <p className="mb-3 text-sm">{t("apidocs.auth.body")}</p>
        <DocTable
          caption={t("apidocs.auth.scopes")}
          captionVisible
          columns={[t("apidocs.auth.scope"), t("apidocs.auth.allows")]}
        >
          {API_SCOPES.map((s) => (
            <tr key={s} className="border-b border-slate-200">
              <th scope="row" className="py-1 pr-3 font-normal">
                <code>{s}</code>
              </th>
              <td className="py-1">{t(`apidocs.scope.${s}`)}</td>
            </tr>
          ))}
        </DocTable>
      </Section>
      <Section id="idempotency" title={t("apidocs.idem.title")}>
        <p className="text-sm">{t("apidocs.idem.body")}</p>
      </Section>
      <Section id="pagination" title={t("apidocs.paging.title")}>
        <p className="text-sm">{t("apidocs.paging.body")}</p>
      </Section>
      <Section id="rate-limits" title={t("apidocs.rate.title")}>
        <p className="text-sm">{t("apidocs.rate.body")}</p>
      </Section>
      <Section id="errors" title={t("apidocs.errors.title")}>
        <p className="mb-2 text-sm">{t("apidocs.errors.body")}</p>
        <CodeBlock label={t("apidocs.errors.title")} code={JSON.stringify(PROBLEM_EXAMPLE, null, 2)} />
      </Section>
      <Section id="example" title={t("apidocs.example.title")}>
        <p className="mb-2 text-sm">{t("apidocs.example.body")}</p>
        <CodeBlock label={t("apidocs.example.title")} code={curl} />
      </Section>
    </section>
  );
}
