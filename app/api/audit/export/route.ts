import { currentEnvironmentGet } from "@/lib/auth/api-route";
import { exportAuditLog } from "@/lib/audit/export";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/audit/export-format";
import { parseAuditFilter } from "@/lib/audit/search-schema";
import { translator } from "@/lib/i18n";

export const dynamic = "force-dynamic";

const nb = translator("nb");
const en = translator("en");
const isFormat = (v: string | null): v is ExportFormat => EXPORT_FORMATS.some((f) => f === v);

/** The audit log as CSV or JSON Lines, with the page's filters (?format=csv|jsonl&actor=…); streamed. */
export const GET = currentEnvironmentGet(async (scope, _ctx, req) => {
  const params = new URL(req.url).searchParams;
  const format = params.get("format");
  const parsed = parseAuditFilter(Object.fromEntries(params));
  if (!isFormat(format) || !parsed.ok) {
    const fields = parsed.ok ? {} : parsed.errors;
    return Response.json(
      {
        error: "invalid_filter",
        message: {
          nb: isFormat(format) ? "Filteret er ugyldig." : "Velg format: csv eller jsonl.",
          en: isFormat(format) ? "The filter is not valid." : "Choose a format: csv or jsonl.",
        },
        fields: Object.fromEntries(Object.entries(fields).map(([k, key]) => [k, { nb: nb(key), en: en(key) }])),
      },
      { status: 400 },
    );
  }
  const file = await exportAuditLog(scope, parsed.filter, format);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
