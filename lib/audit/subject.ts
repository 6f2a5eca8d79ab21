// Which customer and Altinn system an audit event concerns, so the log can be filtered by them. Callers
// may name them; most already put them in detail (orgNo, systemId), or the target is the system itself.
type Input = {
  target: { type: string; id?: string | null };
  detail?: unknown;
  subject?: { orgNumber?: string | null; systemId?: string | null };
};

const ORG = /^\d{9}$/;

function field(detail: unknown, ...names: string[]): string | null {
  if (!detail || typeof detail !== "object") return null;
  for (const name of names) {
    const v = (detail as Record<string, unknown>)[name];
    if (typeof v === "string" && v) return v;
  }
  return null;
}

export function subjectOf(input: Input): { orgNumber: string | null; systemId: string | null } {
  const org = input.subject?.orgNumber ?? field(input.detail, "orgNo", "orgNumber", "org");
  const systemId =
    input.subject?.systemId ??
    field(input.detail, "systemId") ??
    (input.target.type === "system" ? (input.target.id ?? null) : null);
  return { orgNumber: org && ORG.test(org) ? org : null, systemId };
}
