import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/core/env";

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
