import "server-only";
import { z } from "zod";
import { MAX_PROXY_HOPS } from "@/lib/core/forwarded";
import { invalidAllowEntries } from "@/lib/core/metrics-access";

// Read once at start-up (instrumentation.ts imports this), so a bad environment fails loudly
// before the first request instead of on some later code path.
const optionalUrl = z.url().optional();
const isKey = (v: string) => Buffer.from(v, "base64").length === 32;
const KEY_RULE = "must be 32 random bytes, base64-encoded";

const schema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    PORTAL_MASTER_KEY: z.string().refine(isKey, KEY_RULE),
    // Keys that sealed secrets before a rotation: they still open them (never seal) until
    // `npm run master-key:rotate` has re-sealed everything under PORTAL_MASTER_KEY (ADR 019).
    PORTAL_MASTER_KEYS_PREVIOUS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .refine((keys) => keys.every(isKey), `each comma-separated key ${KEY_RULE}`),
    // Keys the HMAC digests (API key hashes, derived customer references), which cannot be re-computed
    // without what they digest, so it never rotates. Unset: the master key, as before rotation existed.
    PORTAL_DIGEST_KEY: z.string().refine(isKey, KEY_RULE).optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    PORTAL_URL: z.url().default("http://127.0.0.1:3000"),
    EMULATOR_URL: z.url().default("http://127.0.0.1:4010"),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("Single sign-on"),
    // The role a single sign-on identity nobody has bound gets on first sign-in; unset (the default):
    // such sign-ins are refused. "operator" also needs OIDC_ALLOW_OPERATOR_DEFAULT=true (ADR 017).
    OIDC_DEFAULT_ROLE: z.enum(["operator", "auditor"]).optional(),
    OIDC_ALLOW_OPERATOR_DEFAULT: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    // How many proxies in front of the portal append to X-Forwarded-For (0: clients connect directly).
    // Used by the portal's HTTP server (scripts/server.ts via trustedHops); checked here so a bad value
    // fails at start. TRUST_PROXY=true is the deprecated spelling of one hop.
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(MAX_PROXY_HOPS).optional(),
    TRUST_PROXY: z.enum(["true", "false"]).optional(),
    // "off": this process serves pages only and works no background queues (instrumentation.ts).
    JOBS: z.enum(["on", "off"]).default("on"),
    // On SIGTERM: how long in-flight requests, job steps and the queue get to finish before the process
    // exits anyway (lib/core/lifecycle.ts reads it outside Next's bundle; checked here so a bad value fails at start).
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
    // Requests the public pages (open page, signed links, restart) may start per system in a rolling hour,
    // shared by every process (lib/onboarding/public-cap.ts); past it the customer is asked to come back later.
    PUBLIC_REQUESTS_PER_SYSTEM_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(100),
    // The audit trail's checkpoint signing key: a private Ed25519 JWK (JSON). `npm start` keeps one in
    // .data/audit-signing.jwk; production sets it from a secret store. Its public half verifies exports (ADR 020).
    AUDIT_SIGNING_KEY: z
      .string()
      .refine((v) => {
        try {
          const k = JSON.parse(v) as Record<string, unknown>;
          return k.kty === "OKP" && k.crv === "Ed25519" && typeof k.d === "string" && typeof k.x === "string";
        } catch {
          return false;
        }
      }, "must be a private Ed25519 JWK as JSON")
      .optional(),
    // Where signed checkpoints are also written, outside the database (append-only files; point it at
    // storage the database's writers cannot rewrite). Unset: checkpoints live in the database only.
    AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
    // Where retention writes the events it prunes (verifiable JSON Lines) before deleting them.
    AUDIT_ARCHIVE_DIR: z.string().min(1).optional(),
    // A checkpoint is signed when this many events are new in a chain, or after AUDIT_CHECKPOINT_MINUTES.
    AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(1000),
    AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
    // One JSON object per line (for a log collector) or readable lines; unset: json when NODE_ENV=production,
    // pretty otherwise (lib/core/log.ts, which the custom server reads before this validation runs; the
    // values are repeated here so the proxy's bundle, which imports this file, does not pull in the logger).
    LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    // Who may read /api/metrics (lib/core/metrics-access.ts): a bearer token, and/or client addresses and
    // CIDRs. Neither set: loopback clients only.
    METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
    METRICS_ALLOW: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((e) => e.trim())
          .filter(Boolean),
      )
      .refine((entries) => invalidAllowEntries(entries).length === 0, "each entry must be an IP address or a CIDR"),
    // Waits before each webhook attempt, e.g. "0,5s,5m,30m,2h,5h,10h,10h" (the default; lib/webhooks/schedule.ts).
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .regex(/^\s*\d+(ms|s|m|h)?\s*(,\s*\d+(ms|s|m|h)?\s*)*$/, "durations separated by commas, e.g. 0,5s,5m,2h")
      .optional(),
  })
  .refine((e) => !e.OIDC_ISSUER || (e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET), {
    message: "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
    path: ["OIDC_ISSUER"],
  })
  // Everyone who can sign in at the provider would be an operator (customers, requests): an explicit choice.
  .refine((e) => e.OIDC_DEFAULT_ROLE !== "operator" || e.OIDC_ALLOW_OPERATOR_DEFAULT, {
    message:
      'OIDC_DEFAULT_ROLE=operator makes everyone at the provider an operator; set OIDC_ALLOW_OPERATOR_DEFAULT=true if you mean it (the safe default is "auditor" or unset)',
    path: ["OIDC_DEFAULT_ROLE"],
  })
  // Rotating without a pinned digest key would silently change every API key's hash.
  .refine((e) => e.PORTAL_MASTER_KEYS_PREVIOUS.length === 0 || e.PORTAL_DIGEST_KEY, {
    message:
      "a master key rotation needs PORTAL_DIGEST_KEY: set it to the master key the installation started with (ADR 019)",
    path: ["PORTAL_DIGEST_KEY"],
  });

export type Env = z.infer<typeof schema>;

/** Validates a set of variables (process.env at start-up; tests give their own). */
export function parseEnv(vars: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(vars);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Reads the environment again: for tests that change the master keys under a running process. */
export function reloadEnv(): Env {
  cached = parseEnv(process.env);
  return cached;
}
