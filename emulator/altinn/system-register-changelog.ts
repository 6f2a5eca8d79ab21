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

/** The RegisterSystemRequest as System.Text.Json would write it back (vendor.authority is a field). */
export function requestSnapshot(s: StoredSystem): Record<string, unknown> {
  return {
    id: s.id,
    vendor: { ID: `0192:${s.vendorOrgNo}` },
    name: s.name,
    description: s.description,
    rights: s.rights,
    accessPackages: s.accessPackages,
    clientId: s.clientIds,
    allowedRedirectUrls: s.allowedRedirectUrls,
    isVisible: s.isVisible,
  };
}
