// Pure, so both the vitest suites and the Playwright specs can use it.

/** Valid (mod-11) org numbers from `from` upwards; each suite takes its own range so none collide. */
export function orgNumbers(count: number, from: number): string[] {
  const out: string[] = [];
  for (let n = from; out.length < count; n++) {
    const base = String(n).padStart(8, "0");
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(base[i]), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) out.push(`${base}${check}`);
  }
  return out;
}

/**
 * Where each user of made-up org numbers starts (the first eight digits, before the check digit). A
 * block is a million numbers wide and belongs to one suite, so no two suites ever name the same customer,
 * whatever order they run in. The fixed organisations of the emulator's register (310904473 and friends)
 * are for what only they can do: facilitators with client relationships, persons with roles.
 */
export const ORG_BLOCKS = {
  poller: 38_000_000,
  customers: 39_000_000,
  bulk: 40_000_000,
  e2e: 41_000_000,
  reconciliation: 47_000_000,
  bench: 49_000_000,
  roles: 50_000_000,
  chain: 51_000_000,
  publicOnboarding: 52_000_000,
  audit: 53_000_000,
  outage: 54_000_000,
  outbound: 55_000_000,
  environments: 56_000_000,
  tokenDoctor: 57_000_000,
  systemsAdmin: 58_000_000,
  changeRequests: 59_000_000,
  agents: 60_000_000,
  vendorEvents: 66_000_000,
  api: 62_000_000,
  oidc: 65_000_000,
  dashboard: 67_000_000,
  isolation: 63_000_000,
  /** 68 000 000–68 499 999 for the audit-search suite; 68 500 000 up for e2e/audit.spec.ts. */
  auditUi: 68_000_000,
  auditCover: 64_000_000,
  /** test/seed.ts hands out fresh customers from here when a suite does not name one. */
  seed: 69_000_000,
  /** Issue 16's branded pages (test/suites/branding.ts). */
  branding: 70_000_000,
  preflight: 72_000_000,
  promotion: 73_000_000,
  /** E-mail invitations, reminders and the outbox (test/suites/mail.ts). */
  mail: 71_000_000,
} as const;

/** Hands out org numbers from a block, each once: `take(3)` now and `take(1)` later never overlap. */
export function orgPool(from: number) {
  let next = from;
  const take = (count: number): string[] => {
    const out = orgNumbers(count, next);
    next = Number((out.at(-1) ?? "").slice(0, 8)) + 1;
    return out;
  };
  return { take, one: (): string => take(1)[0] ?? "" };
}
