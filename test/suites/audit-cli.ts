import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { runScript } from "../run-script";
import { seedBareEnvironment } from "../seed";

// `npm run audit:export -- --env <slug> --out FILE` and `npm run audit:verify -- FILE [--public-key K]` as an
// auditor runs them (the same node and tsx flags as package.json's scripts), against the suite's database:
// exit codes and what they print. What verify detects line by line is test/suites/audit-integrity.ts's.
export function auditCliTests(ref: PortalRef) {
  const dir = mkdtempSync(path.join(tmpdir(), "audit-cli-"));
  const file = path.join(dir, "export.jsonl");
  // Its own data dir, so the commands write no key files into the checkout.
  const env = { PORTAL_DATA_DIR: path.join(dir, "data") };
  const exportChain = (...args: string[]) => runScript("scripts/audit-export.ts", args, { env });
  // audit:verify runs without the react-server condition: it must work with no server code at all.
  const verify = (...args: string[]) => runScript("scripts/audit-verify.ts", args, { env, reactServer: false });
  const writeKey = (name: string, jwk: object) => {
    const keyFile = path.join(dir, name);
    writeFileSync(keyFile, JSON.stringify(jwk));
    return keyFile;
  };
  let chain = "";
  let slug = "";

  beforeAll(async () => {
    const created = await seedBareEnvironment(ref(), "audit-cli");
    [chain, slug] = [created.id, created.slug];
    const { recordAudit } = await import("@/lib/audit/record");
    for (let i = 0; i < 5; i++)
      await recordAudit({
        actor: { type: "system", label: "test" },
        action: "test.event",
        target: { type: "thing", id: `t${i}` },
        outcome: "success",
        detail: { i },
        environmentId: chain,
      });
  });

  it("exports an environment's chain and verifies the file, with the key inside it or the portal's", async () => {
    const exported = await exportChain("--env", slug, "--out", file);
    expect(exported.status, exported.stderr).toBe(0);
    // Five events and the export's own record of itself.
    expect(exported.stdout).toMatch(/Wrote 6 events to .*export\.jsonl, up to seq \d+ \(signed checkpoint\)\./);

    const checked = await verify(file);
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(new RegExp(`^OK: 6 events of chain ${chain}, seq \\d+ to \\d+\\.$`, "m"));
    expect(checked.stdout).toMatch(/Pass --public-key/);

    const { auditPublicJwk } = await import("@/lib/audit/signing");
    const withKey = await verify(file, "--public-key", writeKey("portal.jwk", await auditPublicJwk()));
    expect(withKey.status, withKey.stderr).toBe(0);
    expect(withKey.stdout).toMatch(/^OK: 6 events/m);
    expect(withKey.stdout).not.toMatch(/Pass --public-key/);
  });

  it("fails naming the first bad seq when one line is changed, and with another key", async () => {
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    // Line 1 is the header; the third event is on line 4.
    const seq = (JSON.parse(lines[3] ?? "{}") as { seq?: string }).seq ?? "";
    const tampered = path.join(dir, "tampered.jsonl");
    writeFileSync(tampered, `${lines.map((l, i) => (i === 3 ? l.replace('"t2"', '"t9"') : l)).join("\n")}\n`);
    const bad = await verify(tampered);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`FAILED at line 4, seq ${seq}: event ${seq}`);

    const stranger = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
    const foreign = await verify(file, "--public-key", writeKey("stranger.jwk", stranger));
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toMatch(/FAILED at line \d+.*not signed by the key/);
  });

  it("refuses an unknown environment and a missing --out, listing what there is", async () => {
    const unknown = await exportChain("--env", "no-such-env", "--out", path.join(dir, "none.jsonl"));
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(new RegExp(`No environment "no-such-env". There are: .*${slug}`));
    const usage = await exportChain("--env", slug);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Usage: npm run audit:export/);
  });
}
