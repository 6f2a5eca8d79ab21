import { DocTable } from "./doc-table";
import type { ReactNode } from "react";
import { constraints, properties, refName, typeLabel, type JsonSchema } from "@/lib/api/reference";
import type { Translate } from "@/lib/i18n";
import { InlineCode } from "./inline-code";

type Row = { path: string; depth: number; schema: JsonSchema; required: boolean };
// 1.25rem per level as classes, not a style attribute: the CSP allows no inline styles.
const INDENT = ["pl-0", "pl-5", "pl-10", "pl-15", "pl-20", "pl-25"];

const asSchema = (v: unknown): JsonSchema | null => (v && typeof v === "object" ? (v as JsonSchema) : null);

/** Object properties as rows; inline objects (and arrays of them) open into indented rows below. */
function rows(schema: JsonSchema, prefix = "", depth = 0): Row[] {
  return properties(schema).flatMap(({ name, schema: s, required }) => {
    const path = `${prefix}${name}`;
    const items = s.type === "array" ? asSchema(s.items) : null;
    const nested = !refName(s) && properties(s).length > 0 ? rows(s, `${path}.`, depth + 1) : [];
    const nestedItems =
      items && !refName(items) && properties(items).length > 0 ? rows(items, `${path}[].`, depth + 1) : [];
    return [{ path, depth, schema: s, required }, ...nested, ...nestedItems];
  });
}

export const schemaAnchor = (name: string) => `schema-${name}`;

/** The type, with named schemas as links to their table under Schemas. */
export function TypeOf({ schema }: { schema: JsonSchema }): ReactNode {
  const ref = refName(schema);
  if (ref)
    return (
      <a href={`#${schemaAnchor(ref)}`} className="text-brand-700 underline">
        {ref}
      </a>
    );
  const items = schema.type === "array" ? asSchema(schema.items) : null;
  if (items && refName(items))
    return (
      <>
        array of <TypeOf schema={items} />
      </>
    );
  return <code className="text-[0.9em]">{typeLabel(schema)}</code>;
}

export function SchemaTable({ schema, t, caption }: { schema: JsonSchema; t: Translate; caption: string }) {
  const list = rows(schema);
  if (list.length === 0)
    return (
      <p className="text-sm">
        <TypeOf schema={schema} />
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <DocTable
        caption={caption}
        columns={[
          t("apidocs.col.field"),
          t("apidocs.col.type"),
          t("apidocs.col.required"),
          t("apidocs.col.description"),
        ]}
      >
        {list.map((r) => (
          <tr key={r.path} className="border-b border-slate-200 align-top">
            <td className={`py-1 pr-3 ${INDENT[Math.min(r.depth, INDENT.length - 1)]}`}>
              <code>{r.path}</code>
            </td>
            <td className="py-1 pr-3">
              <TypeOf schema={r.schema} />
            </td>
            <td className="py-1 pr-3">{r.required ? t("apidocs.yes") : t("apidocs.no")}</td>
            <td className="py-1">
              {typeof r.schema.description === "string" && <InlineCode text={r.schema.description} />}
              {constraints(r.schema).length > 0 && (
                <span className="block text-slate-700">{constraints(r.schema).join(" · ")}</span>
              )}
            </td>
          </tr>
        ))}
      </DocTable>
    </div>
  );
}

/** A body schema: a named one by its link and its table, an inline one by its table. */
export function SchemaBlock({
  schema,
  t,
  schemas,
  caption,
}: {
  schema: JsonSchema;
  t: Translate;
  schemas: Record<string, JsonSchema>;
  caption: string;
}) {
  const ref = refName(schema);
  const target = ref ? schemas[ref] : schema;
  return (
    <div className="space-y-2">
      {ref && (
        <p className="text-sm">
          <TypeOf schema={schema} />
        </p>
      )}
      {target && <SchemaTable schema={target} t={t} caption={caption} />}
    </div>
  );
}
