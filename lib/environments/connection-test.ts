import "server-only";
import type { Scope } from "@/lib/environments/types";
import { connect } from "@/lib/environments/connect";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { callAltinn } from "@/lib/integrations/altinn/http";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { type EnvironmentView } from "@/lib/environments/types";
import { loadSigner } from "@/lib/keys/signer";
import { maskinportenConfig } from "@/lib/integrations/maskinporten/tokens";
import { AppError, type LocalizedText } from "@/lib/core/errors";
import { requestToken } from "@/lib/integrations/maskinporten/client";
import { clockSkewText, MAX_CLOCK_SKEW_MS } from "@/lib/integrations/maskinporten/errors";
import { logOutbound } from "@/lib/calls/log";
import { runAs } from "@/lib/core/request-context";

export type Check = { id: "metadata" | "grant" | "clock" | "scopes" | "altinn"; ok: boolean; detail: LocalizedText };

const metadataSchema = z.object({ issuer: z.string(), token_endpoint: z.string() }).loose();
const slashless = (u: string) => u.replace(/\/+$/, "");
const failed = (err: unknown): LocalizedText =>
  err instanceof AppError ? err.userMessage : { nb: "Uventet feil.", en: "Unexpected error." };

async function checkMetadata(e: EnvironmentView): Promise<Check> {
  const url = new URL(
    ".well-known/oauth-authorization-server",
    e.maskinportenIssuer.endsWith("/") ? e.maskinportenIssuer : `${e.maskinportenIssuer}/`,
  );
  const started = performance.now();
  let status: number | null = null;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    status = res.status;
    const meta = metadataSchema.parse(await res.json());
    const ok =
      slashless(meta.issuer) === slashless(e.maskinportenIssuer) && meta.token_endpoint === e.maskinportenTokenUrl;
    return {
      id: "metadata",
      ok,
      detail: ok
        ? { nb: `Metadata svarer; utsteder ${meta.issuer}.`, en: `Metadata answers; issuer ${meta.issuer}.` }
        : {
            nb: `Metadata oppgir utsteder ${meta.issuer} og token-URL ${meta.token_endpoint}; miljøet er satt opp med noe annet.`,
            en: `Metadata names issuer ${meta.issuer} and token URL ${meta.token_endpoint}; the environment is configured differently.`,
          },
    };
  } catch {
    return {
      id: "metadata",
      ok: false,
      detail: { nb: `Fikk ikke lest ${url.toString()}.`, en: `Could not read ${url.toString()}.` },
    };
  } finally {
    await logOutbound({
      environmentId: e.id,
      service: "maskinporten",
      method: "GET",
      path: url.pathname,
      status,
      durationMs: performance.now() - started,
      problemCode: status === 200 ? null : "metadata",
      correlationId: randomUUID(),
    });
  }
}

/** Metadata reachable, a fresh grant accepted, every scope granted, Altinn answering: in that order. */
export async function testConnection(scope: Scope): Promise<Check[]> {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "environments.test");
  const e = await loadEnvironmentById(environmentId);
  return runAs(actor.email, async () => {
    const checks = [await checkMetadata(e)];
    try {
      const signer = await loadSigner(e.id);
      const token = await requestToken(maskinportenConfig(connect(e)), e.scopes, signer);
      // An accepted grant proves the key is registered; the key list shows it.
      await db.signingKey.updateMany({
        where: { environmentId: e.id, kid: signer.kid },
        data: { verifiedAt: new Date() },
      });
      checks.push({
        id: "grant",
        ok: true,
        detail: {
          nb: `Maskinporten godtok en grant signert med ${signer.kid}.`,
          en: `Maskinporten accepted a grant signed with ${signer.kid}.`,
        },
      });
      // Accepted now, but a clock drifting towards ±10 s will start failing grants: say so early.
      if (token.clockSkewMs !== undefined && Math.abs(token.clockSkewMs) > MAX_CLOCK_SKEW_MS / 2) {
        checks.push({ id: "clock", ok: false, detail: clockSkewText(token.clockSkewMs) });
      }
      const granted = new Set(token.scope.split(" "));
      const missing = e.scopes.filter((s) => !granted.has(s));
      checks.push({
        id: "scopes",
        ok: missing.length === 0,
        detail:
          missing.length === 0
            ? { nb: "Alle scopes ble gitt.", en: "Every scope was granted." }
            : { nb: `Mangler: ${missing.join(" ")}`, en: `Missing: ${missing.join(" ")}` },
      });
    } catch (err) {
      checks.push({ id: "grant", ok: false, detail: failed(err) });
      return checks;
    }
    try {
      await callAltinn(connect(e), { method: "GET", path: "/systemregister/vendor" });
      checks.push({
        id: "altinn",
        ok: true,
        detail: { nb: "Altinns systemregister svarer.", en: "Altinn's System Register answers." },
      });
    } catch (err) {
      checks.push({ id: "altinn", ok: false, detail: failed(err) });
    }
    return checks;
  });
}
