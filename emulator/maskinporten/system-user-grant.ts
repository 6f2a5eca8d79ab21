// RAR `urn:altinn:systemuser` (CONTRACT §1.4): Maskinporten asks Altinn which system user matches
// (client_id on the system, vendor = client owner, owner org, externalRef). The emulator owns both
// sides, so it resolves the system user directly from its own state.
import type { EmulatorData, MaskinportenClient } from "../state/schema";
import type { GrantError } from "./grant";

export type DetailsResult = { ok: true; details: Record<string, unknown>[] } | { ok: false; error: GrantError };

const invalid = (description: string): DetailsResult => ({ ok: false, error: { error: "invalid_request", description } });

function asRecord(value: unknown): Record<string, unknown> | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return Object.fromEntries(Object.entries(value));
}

export function resolveAuthorizationDetails(data: EmulatorData, client: MaskinportenClient, input: unknown): DetailsResult {
  if (!Array.isArray(input) || input.length !== 1) {
    return invalid("Invalid assertion. Invalid parameter value: authorization_details must be an array with exactly one element");
  }
  const element = asRecord(input[0]);
  if (!element) return invalid("Invalid assertion. Invalid parameter value: authorization_details element must be an object");
  if (element.type !== "urn:altinn:systemuser") {
    return invalid(`Invalid assertion. Invalid parameter value: authorization_details type ${String(element.type)} is not supported by the emulator`);
  }
  const org = asRecord(element.systemuser_org);
  const id = org?.ID;
  if (!org || org.authority !== "iso6523-actorid-upis" || typeof id !== "string" || !/^0192:\d{9}$/.test(id)) {
    return invalid("Invalid assertion. Invalid parameter value: systemuser_org must be {\"authority\":\"iso6523-actorid-upis\",\"ID\":\"0192:<orgno>\"}");
  }
  if (element.externalRef !== undefined && typeof element.externalRef !== "string") {
    return invalid("Invalid assertion. Invalid parameter value: externalRef must be a string");
  }
  const ownerOrgNo = id.slice(5);
  // An empty externalRef defaults to the owner org number, as in Altinn's byExternalId lookup.
  const externalRef = element.externalRef || ownerOrgNo;
  const systemIds = new Set(
    data.systems
      .filter((s) => !s.isDeleted && s.vendorOrgNo === client.orgNo && s.clientIds.includes(client.clientId))
      .map((s) => s.id),
  );
  const systemUser = data.systemUsers.find(
    (u) => !u.isDeleted && systemIds.has(u.systemId) && u.reporteeOrgNo === ownerOrgNo && u.externalRef === externalRef,
  );
  if (!systemUser) {
    return {
      ok: false,
      error: {
        error: "invalid_altinn_customer_configuration",
        description: "MP-303 System user not found. Check that the client_id is registered on the system, that systemuser_org is the system user's owner and that externalRef matches.",
      },
    };
  }
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
