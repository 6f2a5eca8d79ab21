import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Connection } from "@/lib/integrations/connection";

// Access Management's metadata API (CONTRACT §6.3): anonymous, one language per call (Accept-Language).
const pkg = z.looseObject({
  id: z.string(),
  urn: z.string(),
  name: z.string(),
  description: z.string().optional().default(""),
  isDelegable: z.boolean(),
  isAssignable: z.boolean(),
});
const area = z.looseObject({
  id: z.string(),
  urn: z.string().optional(),
  name: z.string(),
  packages: z.array(pkg).optional().default([]),
});
const group = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  areas: z.array(area).optional().default([]),
});
const exportBody = z.array(group);
export type MetadataGroup = z.infer<typeof group>;

/** GET …/accesspackages/export in one language; null when the API is unreachable or answers oddly. */
export async function fetchPackageExport(
  environment: Connection,
  lang: "nb" | "nn" | "en",
): Promise<MetadataGroup[] | null> {
  const url = new URL("/accessmanagement/api/v1/meta/info/accesspackages/export", environment.altinnBaseUrl);
  const started = performance.now();
  let status: number | null = null;
  let problem: string | null = "unreachable";
  try {
    const res = await fetch(url, {
      headers: { accept: "application/json", "accept-language": lang },
      signal: AbortSignal.timeout(10_000),
    });
    status = res.status;
    if (res.status === 204) {
      problem = null;
      return [];
    }
    const parsed = exportBody.safeParse(await res.json().catch(() => null));
    problem = res.ok && parsed.success ? null : res.ok ? "bad_response" : `http_${res.status}`;
    return problem ? null : (parsed.data ?? null);
  } catch {
    return null;
  } finally {
    await environment.calls.record({
      environmentId: environment.id,
      service: "altinn",
      method: "GET",
      path: url.pathname,
      status,
      durationMs: performance.now() - started,
      problemCode: problem,
      correlationId: randomUUID(),
    });
  }
}
