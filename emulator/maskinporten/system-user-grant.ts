// RAR `urn:altinn:systemuser` (CONTRACT §1.4): Maskinporten asks Altinn which system user matches
// (client_id on the system, vendor = client owner, owner org, externalRef). The emulator owns both
// sides, so it resolves the system user directly from its own state.
import type { EmulatorData, MaskinportenClient } from "../state/schema";
import type { GrantError } from "./grant";

export type DetailsResult = { ok: true; details: Record<string, unknown>[] } | { ok: false; error: GrantError };

const mp303 = (cause: string): DetailsResult => ({
  ok: false,
  error: { error: "invalid_altinn_customer_configuration", description: `MP-303 System user not found: ${cause}` },
});
const invalid = (description: string): DetailsResult => ({
  ok: false,
  error: { error: "invalid_request", description },
});

function asRecord(value: unknown): Record<string, unknown> | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return Object.fromEntries(Object.entries(value));
}

export function resolveAuthorizationDetails(
  data: EmulatorData,
  client: MaskinportenClient,
  input: unknown,
): DetailsResult {
  if (!Array.isArray(input) || input.length !== 1) {
    return invalid(
      "Invalid assertion. Invalid parameter value: authorization_details must be an array with exactly one element",
    );
  }
  const element = asRecord(input[0]);
  if (!element)
    return invalid("Invalid assertion. Invalid parameter value: authorization_details element must be an object");
  if (element.type !== "urn:altinn:systemuser") {
    return invalid(
      `Invalid assertion. Invalid parameter value: authorization_details type ${String(element.type)} is not supported by the emulator`,
    );
  }
  const org = asRecord(element.systemuser_org);
  const id = org?.ID;
  if (!org || org.authority !== "iso6523-actorid-upis" || typeof id !== "string" || !/^0192:\d{9}$/.test(id)) {
    return invalid(
      'Invalid assertion. Invalid parameter value: systemuser_org must be {"authority":"iso6523-actorid-upis","ID":"0192:<orgno>"}',
    );
  }
  if (element.externalRef !== undefined && typeof element.externalRef !== "string") {
    return invalid("Invalid assertion. Invalid parameter value: externalRef must be a string");
  }
  const ownerOrgNo = id.slice(5);
  // An empty externalRef defaults to the owner org number, as in Altinn's byExternalId lookup.
  const externalRef = element.externalRef || ownerOrgNo;
  const systems = data.systems.filter(
    (s) => !s.isDeleted && s.vendorOrgNo === client.orgNo && s.clientIds.includes(client.clientId),
  );
  if (systems.length === 0)
    return mp303(`client_id ${client.clientId} is not registered on any system of vendor ${client.orgNo}`);
  const systemIds = new Set(systems.map((s) => s.id));
  // Standard users are owned by the customer, agent users by the facilitator: both are stored with
  // that owner as reporteeOrgNo, which is what systemuser_org names (§1.4).
  const owned = data.systemUsers.filter(
    (u) => !u.isDeleted && systemIds.has(u.systemId) && u.reporteeOrgNo === ownerOrgNo,
  );
  if (owned.length === 0) return mp303(`no system user for organisation ${ownerOrgNo} on the client's system`);
  const systemUser = owned.find((u) => u.externalRef === externalRef);
  if (!systemUser)
    return mp303(`externalRef ${externalRef} does not match the system user of organisation ${ownerOrgNo}`);
  return {
    ok: true,
    details: [
      {
        type: "urn:altinn:systemuser",
        systemuser_org: { authority: "iso6523-actorid-upis", ID: id },
        systemuser_id: [systemUser.id],
        system_id: systemUser.systemId,
      },
    ],
  };
}
