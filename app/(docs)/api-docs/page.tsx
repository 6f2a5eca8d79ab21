import type { Metadata } from "next";
import { apiReference } from "@/lib/api/reference";
import { env } from "@/lib/core/env";
import { getT } from "@/lib/i18n/server";
import { BASICS, Basics } from "./_components/basics";
import { Operation, operationAnchor } from "./_components/operation";
import { Problems } from "./_components/problems";
import { SchemaTable, schemaAnchor } from "./_components/schema-table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: `${t("apidocs.title")} · ${t("app.name")}` };
}

const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/** The API reference, public and offline: everything is rendered here from the OpenAPI document. */
export default async function ApiDocsPage() {
  const { t, locale } = await getT();
  const ref = apiReference();
  const baseUrl = new URL("/api/v1", env().PORTAL_URL).toString();
  const basicTitles: Record<(typeof BASICS)[number], string> = {
    auth: t("apidocs.auth.title"),
    idempotency: t("apidocs.idem.title"),
    pagination: t("apidocs.paging.title"),
    "rate-limits": t("apidocs.rate.title"),
    errors: t("apidocs.errors.title"),
    example: t("apidocs.example.title"),
  };
  return (
    <div className="lg:grid lg:grid-cols-[14rem_1fr] lg:gap-8">
      <nav aria-label={t("apidocs.toc")} className="mb-8 text-sm lg:sticky lg:top-4 lg:self-start">
        <p className="mb-2 font-semibold">{t("apidocs.toc")}</p>
        <ul className="space-y-1">
          {BASICS.map((id) => (
            <li key={id}>
              <a href={`#${id}`} className="text-brand-700 underline">
                {basicTitles[id]}
              </a>
            </li>
          ))}
          {ref.groups.map((g) => (
            <li key={g.tag}>
              <a href={`#${tagAnchor(g.tag)}`} className="text-brand-700 underline">
                {g.tag}
              </a>
            </li>
          ))}
          <li>
            <a href="#schemas" className="text-brand-700 underline">
              {t("apidocs.schemas.title")}
            </a>
          </li>
          <li>
            <a href="#problems" className="text-brand-700 underline">
              {t("apidocs.problems.title")}
            </a>
          </li>
        </ul>
      </nav>
      <div className="min-w-0">
        <h1 className="mb-2 text-2xl font-bold">{t("apidocs.title")}</h1>
        <p className="mb-2">{t("apidocs.lead")}</p>
        <p className="mb-8 text-sm">
          {t("apidocs.baseUrl")}: <code className="rounded bg-slate-100 px-1">{baseUrl}</code> ·{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            {t("apidocs.openapi")}
          </a>{" "}
          · v{ref.info.version}
        </p>
        <Basics t={t} baseUrl={baseUrl.replace(/\/$/, "")} />
        {ref.groups.map((g) => (
          <section key={g.tag} aria-labelledby={tagAnchor(g.tag)} className="mb-10">
            <h2 id={tagAnchor(g.tag)} className="mb-4 text-xl font-bold">
              {g.tag}
            </h2>
            {g.operations.map((op) => (
              <Operation key={operationAnchor(op.id)} op={op} t={t} schemas={ref.schemas} />
            ))}
          </section>
        ))}
        <section aria-labelledby="schemas" className="mb-10">
          <h2 id="schemas" className="mb-4 text-xl font-bold">
            {t("apidocs.schemas.title")}
          </h2>
          {Object.entries(ref.schemas).map(([name, schema]) => (
            <section
              key={name}
              aria-labelledby={schemaAnchor(name)}
              className="mb-4 rounded-lg border border-slate-300 bg-white p-4"
            >
              <h3 id={schemaAnchor(name)} className="mb-2 font-semibold">
                <code>{name}</code>
              </h3>
              <SchemaTable schema={schema} t={t} caption={name} />
            </section>
          ))}
        </section>
        <Problems problems={ref.problems} t={t} locale={locale} />
      </div>
    </div>
  );
}
