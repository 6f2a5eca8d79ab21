// Writes and serves System Register changelog entries (CONTRACT §3.2). Entries are written by every
// successful create, update, rights update, access-package update and delete, like
// SystemRegisterController.PopulateSystemChangeLog.
import type { Emulator } from "../context";
import type { ChangelogEntry } from "../state/changelog-schema";
import type { EmulatorData, StoredSystem } from "../state/schema";
import type { Caller } from "./auth";

export function changelogEntry(
  emu: Emulator,
  caller: Caller,
  changeType: ChangelogEntry["changeType"],
  systemInternalId: string,
  changedData: unknown,
): ChangelogEntry {
  const clientId = caller.claims.client_id;
  return {
    systemInternalId,
    // GetOrganizationNumberFromClaim yields "" rather than null when `consumer` is unusable.
    changedByOrgNumber: caller.vendorOrgNo ?? "",
    changeType,
    ...(changedData === null || changedData === undefined ? {} : { changedData }),
    ...(typeof clientId === "string" ? { clientId } : {}),
    created: emu.now().toISOString(),
  };
}

export function changelogFor(data: EmulatorData, system: StoredSystem): ChangelogEntry[] {
  return data.changelog.filter((e) => e.systemInternalId === system.internalId);
}

export { toRegisterSystemShape as requestSnapshot } from "./models";
