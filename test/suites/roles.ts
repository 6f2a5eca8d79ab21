import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { emulatorStats } from "../emulator-api";
import { altinnCall, CALLBACK, counts, expectAppError, systemInput } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { uniqueName } from "../seed";

const [CUSTOMER = ""] = orgNumbers(1, ORG_BLOCKS.roles);

export function roleTests(ref: PortalRef) {
  it("refuses forbidden calls with 403 and writes nothing, here or in Altinn", async () => {
    const p = ref();
    const { operator, auditor } = p.actors;
    const before = await counts(p);
    const altinnBefore = await emulatorStats(p.emulatorUrl);
    const anyRequest = { systemId: randomUUID(), orgNo: CUSTOMER };

    await expectAppError(p.m.keys.generateSigningKey(p.scope(operator)), "forbidden", 403);
    await expectAppError(p.m.keys.generateSigningKey(p.scope(auditor)), "forbidden", 403);
    await expectAppError(
      p.m.systems.createSystem(p.scope(operator), systemInput(p, "operator-made")),
      "forbidden",
      403,
    );
    await expectAppError(p.m.systems.createSystem(p.scope(auditor), systemInput(p, "auditor-made")), "forbidden", 403);
    await expectAppError(p.m.requests.createRequest(p.scope(auditor), anyRequest), "forbidden", 403);
    await expectAppError(p.m.requests.createRequest(p.scope(null), anyRequest), "forbidden", 403);
    await expectAppError(p.m.requests.refreshRequest(p.scope(auditor), randomUUID()), "forbidden", 403);
    await expectAppError(p.m.systems.listSystems(p.scope(null)), "forbidden", 403);
    await expectAppError(p.m.keys.listKeys(p.scope(null)), "forbidden", 403);
    await expectAppError(p.m.audit.listAuditEvents(operator), "forbidden", 403);
    await expectAppError(p.m.audit.verifyAuditChain(operator), "forbidden", 403);
    await expectAppError(
      p.m.users.createUserWithOneTimePassword({ email: "x@vendor.test", name: "X", role: "admin" }, operator),
      "forbidden",
      403,
    );

    expect(await counts(p)).toEqual(before);
    expect(await emulatorStats(p.emulatorUrl)).toEqual(altinnBefore);
    // The same calls with a role that may make them do get through the check.
    const where = { environmentId: p.environmentId };
    await expect(p.m.systems.listSystems(p.scope(auditor))).resolves.toHaveLength(await p.db.system.count({ where }));
    await expect(p.m.keys.listKeys(p.scope(operator))).resolves.toHaveLength(await p.db.signingKey.count({ where }));
    await expectAppError(p.m.requests.createRequest(p.scope(operator), anyRequest), "not_found", 404);
    expect(await counts(p)).toEqual(before);
  });

  it("refuses a non-https redirect URL before calling Altinn and stores nothing", async () => {
    const p = ref();
    const before = await counts(p);
    const altinnBefore = await emulatorStats(p.emulatorUrl);
    for (const redirectUrl of ["http://vendor.example/onboard/callback", "not a url", "ftp://127.0.0.1/cb"]) {
      const err = await expectAppError(
        p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, "bad-redirect", { redirectUrl })),
        "redirect_not_allowed",
        400,
      );
      expect(err.userMessage.en).toContain("https");
    }
    expect(await counts(p)).toEqual(before);
    expect(await emulatorStats(p.emulatorUrl)).toEqual(altinnBefore);
  });

  it("stores nothing when Altinn rejects the system, but audits the failure", async () => {
    const p = ref();
    // Drift: someone registered this id in Altinn outside the portal, so only Altinn can say no (AUTH.VLD-00002).
    const name = uniqueName("made-elsewhere");
    const altinnBefore = await emulatorStats(p.emulatorUrl);
    const outside = await altinnCall(p, "/systemregister/vendor", "POST", {
      id: `991825827_${name}`,
      vendor: { ID: "0192:991825827" },
      name: { nb: "X" },
      description: { nb: "X" },
      accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
      allowedRedirectUrls: [CALLBACK],
    });
    expect(outside.status).toBe(200);
    const before = await counts(p);
    await expectAppError(
      p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, name)),
      "AUTH.VLD-00002",
      400,
    );
    expect(await counts(p)).toEqual({ ...before, audit: before.audit + 1 });
    const event = await p.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({
      action: "system.register",
      outcome: "failure",
      targetId: `991825827_${name}`,
      detail: { code: "AUTH.VLD-00002" },
    });
    // Only the one made elsewhere: the refused create added nothing in Altinn.
    expect((await emulatorStats(p.emulatorUrl)).systems).toBe(altinnBefore.systems + 1);
  });

  it("refuses a client package the portal knows a standard system user cannot hold, before calling Altinn", async () => {
    const p = ref();
    const before = await counts(p);
    const input = systemInput(p, "visible-client", {
      isVisible: true,
      accessPackages: ["urn:altinn:accesspackage:regnskapsforer-lonn"],
    });
    await expectAppError(p.m.systems.createSystem(p.scope(p.actors.admin), input), "invalid_input", 400);
    expect(await counts(p)).toEqual(before);
  });
}
