import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { columnName, SEALED_COLUMNS } from "@/lib/secrets/sealed-columns";

// A secret sealed somewhere the rotation does not know would stop opening once the old key is dropped.
// So every module that calls sealSecret says where the envelope goes: a column the rotation re-seals, or
// a cookie (short-lived; the previous key opens it until then).
const SEAL_SITES: Record<string, string[]> = {
  "lib/keys/key-store.ts": ["signing_keys.privateKeyEnc"],
  "lib/webhooks/endpoints.ts": ["webhook_endpoints.secretEnc"],
  "lib/webhooks/secrets.ts": ["webhook_endpoints.secretEnc", "webhook_endpoints.previousSecretEnc"],
  "lib/clients/assign.ts": ["client_assign_jobs.tokenEnc"],
  "lib/clients/session.ts": ["cookie"],
  "lib/mail/settings.ts": ["mail_settings.passwordEnc"],
};

const root = path.resolve(import.meta.dirname, "../..");
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("sealed columns", () => {
  it("every module that seals a secret is accounted for", () => {
    const sealing = ["lib", "app", "scripts"]
      .flatMap((d) => sources(path.join(root, d)))
      .filter((f) => /\bsealSecret\(/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f).split(path.sep).join("/"))
      // The seal itself, and the rotation, which re-seals exactly the columns below.
      .filter((f) => f !== "lib/core/master-key.ts" && f !== "lib/secrets/rotate.ts");
    expect(sealing.sort()).toEqual(Object.keys(SEAL_SITES).sort());
  });

  it("every column a sealing module writes is re-sealed by the rotation, and only those", () => {
    const named = new Set(Object.values(SEAL_SITES).flat());
    named.delete("cookie");
    expect(SEALED_COLUMNS.map(columnName).sort()).toEqual([...named].sort());
  });
});
