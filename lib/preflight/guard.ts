import "server-only";
import { AppError } from "@/lib/core/errors";
import type { Scope } from "@/lib/environments/types";
import { translator } from "@/lib/i18n";
import { checkText } from "@/lib/preflight/text";
import { blocks, type Check, type RequestKind } from "@/lib/preflight/checks";
import { requestPreflight, selectionPreflight } from "@/lib/preflight/run";

const describe = (checks: readonly Check[]) => ({
  nb: checks.map((c) => checkText(translator("nb"), "nb", c)).join(" "),
  en: checks.map((c) => checkText(translator("en"), "en", c)).join(" "),
});

/**
 * The single-request form's pre-flight: what Altinn would refuse stops the request here, with every
 * reason in plain words; a warning (bankrupt, under liquidation) asks once for "send anyway". That the
 * Entity Register could not be asked is said, never in the way.
 */
export async function assertRequestPreflight(
  scope: Scope,
  input: { systemId: string; orgNo: string; kind: RequestKind; redirectUrl?: string },
  acknowledged: boolean,
) {
  const { checks } = await requestPreflight(scope, input);
  const failing = checks.filter(blocks);
  if (failing.length) {
    const text = describe(failing);
    throw new AppError(
      "preflight_failed",
      {
        nb: `Forespørselen ble ikke sendt: Altinn ville avvist den. ${text.nb}`,
        en: `The request was not sent: Altinn would refuse it. ${text.en}`,
      },
      422,
      { extra: { checks: failing.map((c) => ({ id: c.id, key: c.key, package: c.pkg?.urn })) } },
    );
  }
  // Only the organisation's own state asks for "send anyway"; the rest is on the system's page.
  const warnings = checks.filter(
    (c) => c.id === "entity" && c.verdict === "warn" && c.key !== "preflight.entity.unchecked",
  );
  if (warnings.length && !acknowledged) {
    const text = describe(warnings);
    throw new AppError(
      "preflight_warning",
      { nb: `Sjekk før du sender: ${text.nb}`, en: `Check before sending: ${text.en}` },
      409,
      { fieldErrors: { ack: ["preflight.ack"] } },
    );
  }
  return checks;
}

/**
 * The customers page's selection: a system that would fail fails every customer, so nothing is sent and
 * the reasons are given; an organisation the Entity Register does not know (or deleted) is left out, with
 * its reason in the report, and the rest are sent.
 */
export async function preflightSelection(
  scope: Scope,
  input: { systemId: string; customers: readonly { id: string; orgNo: string }[]; kind: RequestKind },
) {
  const result = await selectionPreflight(scope, {
    systemId: input.systemId,
    orgNos: input.customers.map((c) => c.orgNo),
    kind: input.kind,
  });
  const systemFailures = result.systemChecks.filter(blocks);
  if (systemFailures.length) {
    const text = describe(systemFailures);
    throw new AppError(
      "preflight_failed",
      {
        nb: `Ingen forespørsler ble sendt: Altinn ville avvist alle. ${text.nb}`,
        en: `No requests were sent: Altinn would refuse them all. ${text.en}`,
      },
      422,
    );
  }
  const skipped = new Map<string, { nb: string; en: string }>();
  for (const r of result.reasons) for (const orgNo of r.orgNos) skipped.set(orgNo, describe([r.check]));
  return skipped;
}
