import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { AppError, type LocalizedText } from "@/lib/core/errors";
import { blockedKind, isAllowed, literalIp, type BlockedKind } from "@/lib/webhooks/address";

// Where a webhook may go. Checked twice: at registration (the URL's form, literal IPs, and what the name
// resolves to now, for a clear answer at once) and at every delivery on the address actually connected
// to (lookupFor below), because DNS can change after registration.

const KIND_TEXT: Record<BlockedKind, LocalizedText> = {
  unspecified: { nb: "en uspesifisert adresse", en: "an unspecified address" },
  loopback: { nb: "maskinen selv (loopback)", en: "this machine (loopback)" },
  private: { nb: "et privat nettverk", en: "a private network" },
  "link-local": {
    nb: "en link-lokal adresse (f.eks. skyens metadata)",
    en: "a link-local address (e.g. cloud metadata)",
  },
  cgnat: { nb: "operatørens delte adresserom (CGNAT)", en: "carrier-grade NAT space" },
  "unique-local": { nb: "et privat IPv6-nettverk", en: "a private IPv6 network" },
  multicast: { nb: "en multicast-adresse", en: "a multicast address" },
  reserved: { nb: "et reservert adresseområde", en: "a reserved address range" },
};

export type TargetPolicy = { allowLoopback: boolean };

/** Only the Local emulator environment may call this machine (the developer's own receiver). */
export const policyFor = (environmentKind: string): TargetPolicy => ({ allowLoopback: environmentKind === "emulator" });

const isLoopbackHost = (hostname: string) =>
  hostname === "localhost" || hostname.endsWith(".localhost") || blockedKind(literalIp(hostname) ?? "") === "loopback";

const refuse = (code: string, text: LocalizedText) => new AppError(code, text, 400);

export const blockedAddress = (address: string, kind: BlockedKind) =>
  refuse("webhook_url_blocked", {
    nb: `Webhook-adressen peker til ${KIND_TEXT[kind].nb} (${address}). Bruk en offentlig https-adresse.`,
    en: `The webhook URL points to ${KIND_TEXT[kind].en} (${address}). Use a public https address.`,
  });

/** The URL's own form: parseable, no credentials, https (or http to loopback in the emulator environment). */
export function checkUrlForm(raw: string, policy: TargetPolicy): URL {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !url.hostname)
    throw refuse("webhook_url_invalid", { nb: "Ugyldig webhook-adresse.", en: "Invalid webhook URL." });
  if (url.username || url.password)
    throw refuse("webhook_url_credentials", {
      nb: "Webhook-adressen kan ikke inneholde brukernavn eller passord. Hver melding er signert; sjekk signaturen i stedet.",
      en: "The webhook URL cannot contain a user name or password. Every message is signed; check the signature instead.",
    });
  const httpAllowed = url.protocol === "http:" && policy.allowLoopback && isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !httpAllowed)
    throw refuse("webhook_url_https", {
      nb: "Webhook-adressen må bruke https (http er bare lov til 127.0.0.1 i det lokale emulatormiljøet).",
      en: "The webhook URL must use https (http is allowed only to 127.0.0.1 in the Local emulator environment).",
    });
  const ip = literalIp(url.hostname);
  const kind = ip ? blockedKind(ip) : null;
  if (ip && kind && !isAllowed(kind, policy.allowLoopback)) throw blockedAddress(ip, kind);
  return url;
}

/** What a name resolves to now; nothing when it does not resolve (yet) or DNS is slow. */
function resolveAll(hostname: string, timeoutMs: number): Promise<LookupAddress[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), timeoutMs);
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      clearTimeout(timer);
      resolve(err ? [] : addresses);
    });
  });
}

/**
 * At registration: the form, then the name's current addresses. A name that does not resolve is
 * accepted (its DNS may not exist yet); delivery checks again whatever it resolves to then.
 */
export async function checkEndpointUrl(raw: string, policy: TargetPolicy): Promise<string> {
  const url = checkUrlForm(raw, policy);
  if (!literalIp(url.hostname))
    for (const { address } of await resolveAll(url.hostname, 3_000)) {
      const kind = blockedKind(address);
      if (kind && !isAllowed(kind, policy.allowLoopback)) throw blockedAddress(address, kind);
    }
  return url.toString();
}

export class BlockedAddressError extends Error {
  constructor(hostname: string, address: string, kind: BlockedKind) {
    super(`blocked: ${hostname === address ? address : `${hostname} resolves to ${address}`} is ${KIND_TEXT[kind].en}`);
    this.name = "BlockedAddressError";
  }
}

/**
 * A DNS lookup for http(s).request that refuses blocked addresses, so the check applies to the very
 * address the socket connects to (no window for DNS rebinding between a check and the connect). If any
 * address of the name is blocked, the name is refused: happy eyeballs might otherwise pick that one.
 */
export function lookupFor(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", undefined);
      for (const a of addresses) {
        const kind = blockedKind(a.address);
        if (kind && !isAllowed(kind, policy.allowLoopback))
          return callback(new BlockedAddressError(hostname, a.address, kind), "", undefined);
      }
      const first = addresses[0];
      if (options.all) return callback(null, addresses);
      if (!first) return callback(new Error(`no address for ${hostname}`), "", undefined);
      callback(null, first.address, first.family);
    });
  };
}
