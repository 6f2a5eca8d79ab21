import "server-only";
import { z } from "zod";

// A service owner's test API (e.g. the emulator's sample API), called with a raw system-user token the
// way a vendor's system would (CONTRACT §2 "Which token goes where"). Not in the outbound call log:
// that log covers Maskinporten and Altinn only, and its service column has no room for others.

export type ServiceOwnerAnswer = { url: string; status: number | null; body: unknown; reason: string | null };

const MAX_BODY_CHARS = 8_000;
const reasonOf = z.object({ reason: z.string().optional(), error: z.string().optional() }).loose();

export function serviceOwnerUrl(template: string, orgNo: string): string {
  return template.replaceAll("{orgNo}", encodeURIComponent(orgNo));
}

export async function callServiceOwnerTestApi(
  template: string,
  orgNo: string,
  token: string,
): Promise<ServiceOwnerAnswer> {
  const url = serviceOwnerUrl(template, orgNo);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    return { url, status: null, body: null, reason: err instanceof Error ? err.message : String(err) };
  }
  const text = (await res.text()).slice(0, MAX_BODY_CHARS);
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  const parsed = reasonOf.safeParse(body);
  const reason = parsed.success ? (parsed.data.reason ?? parsed.data.error ?? null) : null;
  return { url, status: res.status, body, reason };
}
