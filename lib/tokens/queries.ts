import "server-only";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { EnvironmentView } from "@/lib/environments/types";

export type DoctorChoices = {
  systems: { id: string; systemId: string; holdsClient: boolean }[];
  systemUsers: { orgNo: string; externalRef: string; systemRowId: string; systemId: string; userType: string }[];
};

/** What the doctor's form offers: the environment's systems and the system users the portal knows. */
export async function listDoctorChoices(actor: Actor | null, environment: EnvironmentView): Promise<DoctorChoices> {
  assertCan(actor, "tokens.diagnose");
  const [systems, systemUsers] = await Promise.all([
    db.system.findMany({
      where: { environmentId: environment.id, altinnInternalId: { not: null }, deletedAt: null },
      select: { id: true, systemId: true, clientIds: true },
      orderBy: { createdAt: "asc" },
    }),
    db.systemUser.findMany({
      where: { system: { environmentId: environment.id }, deletedAt: null },
      select: {
        externalRef: true,
        userType: true,
        systemId: true,
        customer: { select: { orgNo: true } },
        system: { select: { systemId: true } },
      },
      orderBy: { discoveredAt: "desc" },
      take: 500,
    }),
  ]);
  // The system holding the environment's client comes first: that is the one its tokens are for.
  const mapped = systems.map((s) => ({
    id: s.id,
    systemId: s.systemId,
    holdsClient: s.clientIds.includes(environment.clientId),
  }));
  mapped.sort((a, b) => Number(b.holdsClient) - Number(a.holdsClient));
  return {
    systems: mapped,
    systemUsers: systemUsers.map((u) => ({
      orgNo: u.customer.orgNo,
      externalRef: u.externalRef,
      systemRowId: u.systemId,
      systemId: u.system.systemId,
      userType: u.userType,
    })),
  };
}
