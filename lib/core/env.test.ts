import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/core/env";
import { LOG_FORMATS } from "@/lib/core/log";

const base = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
  PORTAL_MASTER_KEY: Buffer.alloc(32, 1).toString("base64"),
  NEXTAUTH_SECRET: "x".repeat(32),
};

describe("OIDC_DEFAULT_ROLE", () => {
  it("is unset by default, so unknown single sign-on identities are refused", () => {
    expect(parseEnv(base).OIDC_DEFAULT_ROLE).toBeUndefined();
    expect(parseEnv({ ...base, OIDC_DEFAULT_ROLE: "auditor" }).OIDC_DEFAULT_ROLE).toBe("auditor");
  });

  it("refuses operator unless OIDC_ALLOW_OPERATOR_DEFAULT=true says so", () => {
    expect(() => parseEnv({ ...base, OIDC_DEFAULT_ROLE: "operator" })).toThrow(/OIDC_ALLOW_OPERATOR_DEFAULT=true/);
    expect(() => parseEnv({ ...base, OIDC_DEFAULT_ROLE: "operator", OIDC_ALLOW_OPERATOR_DEFAULT: "false" })).toThrow(
      /OIDC_DEFAULT_ROLE/,
    );
    const e = parseEnv({ ...base, OIDC_DEFAULT_ROLE: "operator", OIDC_ALLOW_OPERATOR_DEFAULT: "true" });
    expect(e.OIDC_DEFAULT_ROLE).toBe("operator");
    expect(() => parseEnv({ ...base, OIDC_DEFAULT_ROLE: "admin", OIDC_ALLOW_OPERATOR_DEFAULT: "true" })).toThrow();
  });
});

describe("observability settings", () => {
  it("takes every format the logger knows, and nothing else", () => {
    for (const f of LOG_FORMATS) expect(parseEnv({ ...base, LOG_FORMAT: f }).LOG_FORMAT).toBe(f);
    expect(() => parseEnv({ ...base, LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
  });

  it("reads METRICS_ALLOW as a list of addresses and CIDRs, refusing anything else", () => {
    expect(parseEnv(base).METRICS_ALLOW).toEqual([]);
    expect(parseEnv({ ...base, METRICS_ALLOW: " 10.0.0.0/8, ::1 ,," }).METRICS_ALLOW).toEqual(["10.0.0.0/8", "::1"]);
    expect(() => parseEnv({ ...base, METRICS_ALLOW: "10.0.0.0/8,prometheus.internal" })).toThrow(/METRICS_ALLOW/);
  });

  it("wants a METRICS_TOKEN long enough not to be guessed", () => {
    expect(() => parseEnv({ ...base, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(parseEnv({ ...base, METRICS_TOKEN: "t".repeat(32) }).METRICS_TOKEN).toBe("t".repeat(32));
  });
});
