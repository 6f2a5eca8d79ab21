import { DocTable } from "./doc-table";
import { refName, type JsonSchema, type ReferenceOperation } from "@/lib/api/reference";
import type { Translate } from "@/lib/i18n";
import { InlineCode } from "./inline-code";
import { SchemaBlock, SchemaTable, TypeOf } from "./schema-table";

const METHOD_COLOURS: Record<string, string> = {
  GET: "bg-emerald-800",
  POST: "bg-blue-800",
  PUT: "bg-amber-800",
  DELETE: "bg-red-800",
};

export const operationAnchor = (id: string) => `op-${id}`;

export function Operation({
  op,
  t,
  schemas,
}: {
  op: ReferenceOperation;
  t: Translate;
  schemas: Record<string, JsonSchema>;
}) {
  const anchor = operationAnchor(op.id);
  const successes = op.responses.filter((r) => r.status.startsWith("2"));
  const problems = op.responses.filter((r) => !r.status.startsWith("2"));
  return (
    <section aria-labelledby={anchor} className="mb-6 rounded-lg border border-slate-300 bg-white p-5 shadow-sm">
      <h3 id={anchor} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        <span
          className={`rounded px-2 py-0.5 font-mono text-sm text-white ${METHOD_COLOURS[op.method] ?? "bg-slate-800"}`}
        >
          {op.method}
        </span>
        <code className="break-all">{op.path}</code>
      </h3>
      <p className="mt-2 font-medium">{op.summary}</p>
      {op.description && (
        <p className="mt-1 text-sm">
          <InlineCode text={op.description} />
        </p>
      )}
      <p className="mt-2 text-sm">
        {t("apidocs.op.scope")}: <code className="rounded bg-slate-100 px-1">{op.scope}</code>
      </p>

      {op.parameters.length > 0 && (
        <>
          <h4 className="mt-4 mb-2 font-semibold">{t("apidocs.op.parameters")}</h4>
          <div className="overflow-x-auto">
            <DocTable
              caption={`${t("apidocs.op.parameters")}: ${op.method} ${op.path}`}
              columns={[
                t("apidocs.col.name"),
                t("apidocs.col.in"),
                t("apidocs.col.type"),
                t("apidocs.col.required"),
                t("apidocs.col.description"),
              ]}
            >
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="border-b border-slate-200 align-top">
                  <td className="py-1 pr-3">
                    <code>{p.name}</code>
                  </td>
                  <td className="py-1 pr-3">{p.in}</td>
                  <td className="py-1 pr-3">{p.schema ? <TypeOf schema={p.schema} /> : "string"}</td>
                  <td className="py-1 pr-3">{p.required ? t("apidocs.yes") : t("apidocs.no")}</td>
                  <td className="py-1">{p.description && <InlineCode text={p.description} />}</td>
                </tr>
              ))}
            </DocTable>
          </div>
        </>
      )}

      {op.body && (
        <>
          <h4 className="mt-4 mb-2 font-semibold">{t("apidocs.op.body")}</h4>
          <SchemaBlock
            schema={op.body}
            t={t}
            schemas={schemas}
            caption={`${t("apidocs.op.body")}: ${op.method} ${op.path}`}
          />
        </>
      )}

      <h4 className="mt-4 mb-2 font-semibold">{t("apidocs.op.responses")}</h4>
      {/* Answers are named schemas: a link to their table under Schemas (the same few recur everywhere). */}
      <ul className="space-y-1 text-sm">
        {successes.map((r) => (
          <li key={r.status}>
            <strong>{r.status}</strong> <InlineCode text={r.description} />{" "}
            {!r.schema ? (
              t("apidocs.noBody")
            ) : refName(r.schema) ? (
              <TypeOf schema={r.schema} />
            ) : (
              <SchemaTable schema={r.schema} t={t} caption={`${r.status}: ${op.method} ${op.path}`} />
            )}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm font-medium">{t("apidocs.op.problems")}</p>
      <ul className="mt-1 space-y-1 text-sm">
        {problems.map((r) => (
          <li key={r.status}>
            <strong>{r.status}</strong>{" "}
            {r.codes.map((c, i) => (
              <span key={c}>
                {i > 0 && ", "}
                <a href={`#problem-${c}`} className="text-brand-700 underline">
                  <code>{c}</code>
                </a>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
