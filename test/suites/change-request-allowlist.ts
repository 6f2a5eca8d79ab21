import { beforeAll, expect, it } from "vitest";
import { z } from "zod";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { altinnCall, lastAudit } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedRequest, type SeededRequest } from "../seed";

// Issue 13, finding 8: a change request's confirm URL goes through the environment's allowlist like a
// system-user request's, wherever the portal stores, shows or sends a customer to it. Numbers from the
// publicOnboarding block, above what the two public suites use.
const [CUSTOMER = ""] = orgNumbers(1, ORG_BLOCKS.publicOnboarding + 900_000);
const SKATTEGRUNNLAG = "urn:altinn:accesspackage:skattegrunnlag";
const MVA = "urn:altinn:accesspackage:merverdiavgift";
const FOREIGN = "https://am.ui.altinn.no.evil.example/accessmanagement/ui/systemuser/changerequest?id=x";

const changeList = z.object({ data: z.array(z.object({ id: z.string(), status: z.string() }).loose()) });

/** The change requests Altinn holds (not deleted) for the system. */
async function altinnChanges(p: Portal, systemId: string) {
  return changeList.parse((await altinnCall(p, `/systemuser/changerequest/vendor/bysystem/${systemId}`)).json).data;
}

/** Runs `fn` with the Local environment allowing only `hosts`, and always puts the allowlist back. */
async function withAllowlist(p: Portal, hosts: string[], fn: () => Promise<void>) {
  const local = await p.m.environments.loadEnvironmentById(p.environmentId);
  const { name, vendorOrgNo, clientId, scopes, systemUserScopes, confirmUrlHosts } = local;
  const settings = { name, vendorOrgNo, clientId, scopes, systemUserScopes, confirmUrlHosts };
  await p.m.environments.updateEnvironment(p.actors.admin, local.id, { ...settings, confirmUrlHosts: hosts });
  try {
    await p.refreshEnvironment();
    await fn();
  } finally {
    await p.m.environments.updateEnvironment(p.actors.admin, local.id, settings);
    await p.refreshEnvironment();
  }
}

export function changeRequestAllowlistTests(ref: PortalRef) {
  let seeded: SeededRequest;
  beforeAll(async () => {
    const p = ref();
    seeded = await seedRequest(p, { orgNo: CUSTOMER, outcome: "approved" });
    // The system gains Merverdiavgift (in Altinn and here, as an edit does): its system user needs a change.
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    const { callAltinn } = await import("@/lib/integrations/altinn/http");
    await callAltinn(p.m.connect(environment), {
      method: "PUT",
      path: `/systemregister/vendor/${seeded.system.systemId}/accesspackages`,
      body: [{ urn: SKATTEGRUNNLAG }, { urn: MVA }],
    });
    await p.db.system.update({ where: { id: seeded.system.id }, data: { accessPackages: [SKATTEGRUNNLAG, MVA] } });
  });

  it("F8 a change request's confirm URL off the allowlist is refused like a request's: deleted at Altinn, nothing stored, audited", async () => {
    const p = ref();
    const dal = await import("@/lib/systems/change-requests");
    const systemId = seeded.system.id;
    await withAllowlist(p, ["am.ui.tt02.altinn.no"], async () => {
      const outcomes = await dal.createChangeRequests(p.scope(p.actors.admin), systemId);
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]).toMatchObject({ orgNo: CUSTOMER, ok: false });
      // The same words as for a request: which host, and where an admin allows it.
      expect(outcomes[0]?.message?.en).toContain(
        `Altinn returned a confirm URL on ${p.emulatorUrl}, which is not allowed for the environment "Local emulator". Nothing was stored.`,
      );
      expect(await p.db.changeRequest.count({ where: { systemUser: { systemId } } })).toBe(0);
      expect(await altinnChanges(p, seeded.system.systemId)).toEqual([]);
      expect(await lastAudit(p)).toMatchObject({
        action: "changerequest.create",
        outcome: "failure",
        detail: { code: "confirm_url_not_allowed", confirmUrlHost: new URL(p.emulatorUrl).host },
      });
    });

    // Allowed again: made and stored as before.
    const outcomes = await dal.createChangeRequests(p.scope(p.actors.admin), systemId);
    expect(outcomes).toEqual([{ orgNo: CUSTOMER, ok: true, status: "New" }]);
    const row = await p.db.changeRequest.findFirstOrThrow({ where: { systemUser: { systemId } } });
    expect(row.confirmUrl).toContain(`/changerequest?id=${row.id}`);
    expect((await dal.changePlan(p.scope(p.actors.auditor), systemId)).standard[0]?.pending?.confirmUrl).toBe(
      row.confirmUrl,
    );
  });

  it("F8 a stored change-request link that no longer fits the allowlist is never shown", async () => {
    const p = ref();
    const dal = await import("@/lib/systems/change-requests");
    const row = await p.db.changeRequest.findFirstOrThrow({ where: { systemUser: { systemId: seeded.system.id } } });
    await p.db.changeRequest.update({ where: { id: row.id }, data: { confirmUrl: FOREIGN } });
    try {
      const plan = await dal.changePlan(p.scope(p.actors.admin), seeded.system.id);
      expect(plan.standard[0]?.pending).toMatchObject({ id: row.id, confirmUrl: null });
      expect(plan.standard.flatMap((u) => u.changeRequests.map((c) => c.confirmUrl))).not.toContain(FOREIGN);
      // The allowlist decides at every view: the stored link is shown again once its host is allowed.
      await p.db.changeRequest.update({ where: { id: row.id }, data: { confirmUrl: row.confirmUrl } });
      await withAllowlist(p, ["am.ui.tt02.altinn.no"], async () => {
        const hidden = await dal.changePlan(p.scope(p.actors.admin), seeded.system.id);
        expect(hidden.standard[0]?.pending?.confirmUrl).toBeNull();
      });
    } finally {
      await p.db.changeRequest.update({ where: { id: row.id }, data: { confirmUrl: row.confirmUrl } });
    }
  });
}
