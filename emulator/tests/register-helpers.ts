// Helpers for the System Register and metadata tests: tokens with particular scopes/orgs and
// accessors for AltinnValidationProblemDetails bodies.
import { expect } from "vitest";
import { accessToken, api, json, newKey, registerClient, systemBody, VENDOR_ORG } from "./helpers";

export const ADMIN_SCOPE = "altinn:authentication/systemregister.admin";
export const WRITE_SCOPE = "altinn:authentication/systemregister.write";
export const PORTAL_SCOPE = "altinn:portal/enduser";

export async function tokenFor(url: string, orgNo: string, scopes: string[]): Promise<string> {
  const client = await registerClient(url, await newKey(), orgNo, scopes);
  return accessToken(url, client, scopes.join(" "));
}

export interface VldError {
  code: string;
  title: string;
  paths: string[];
  [extension: string]: unknown;
}

/** Asserts the STD-00000 envelope and returns its validationErrors. */
export async function validationErrors(res: Response): Promise<VldError[]> {
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = await json(res);
  expect(body).toMatchObject({
    type: "urn:altinn:error:STD-00000",
    title: "One or more validation errors occurred.",
    status: 400,
    code: "STD-00000",
  });
  const errors = body.validationErrors;
  if (!Array.isArray(errors)) throw new Error("validationErrors missing");
  return errors.map((e: unknown): VldError => {
    if (typeof e !== "object" || e === null) throw new Error("bad validation error");
    const entries = Object.fromEntries(Object.entries(e));
    const { code, title, paths } = entries;
    if (typeof code !== "string" || typeof title !== "string" || !Array.isArray(paths))
      throw new Error(`bad validation error ${JSON.stringify(e)}`);
    return { ...entries, code, title, paths: paths.map(String) };
  });
}

export async function codesOf(res: Response): Promise<string[]> {
  return (await validationErrors(res)).map((e) => e.code);
}

export function right(value: string, id = "urn:altinn:resource"): Record<string, unknown> {
  return { resource: [{ id, value }] };
}

export async function createSystem(
  url: string,
  token: string,
  name: string,
  overrides: Record<string, unknown> = {},
  vendor = VENDOR_ORG,
): Promise<Record<string, unknown>> {
  const body = systemBody(`${vendor}_${name}`, overrides);
  const res = await api(url, token, "POST", "/systemregister/vendor", body);
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return body;
}

export async function expectText(res: Response, status: number, text: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("text/plain");
  expect(await res.text()).toBe(text);
}

export async function expectEmpty(res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  expect(await res.text()).toBe("");
}
