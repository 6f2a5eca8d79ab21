import { orgNumbers } from "../test/org-numbers";

// Every spec file has its own block of synthetic org numbers, so no customer is shared across specs
// and the specs run alone or in any order. Blocks start at 41 000 000 (the vitest suites use 38–40
// and 47 million); nothing in Brreg starts with 4. Add a spec here before it names a customer.
const FIRST = {
  bulk: 41_000_000,
  chain: 41_100_000,
  customers: 41_200_000,
  doctor: 41_300_000,
  "onboarding-reject": 41_400_000,
  packages: 41_500_000,
  "public-onboarding": 41_600_000,
  reconciliation: 41_700_000,
  "api-onboarding": 41_800_000,
  "api-routes": 41_900_000,
  "api-clients": 42_000_000,
  "vendor-api": 42_100_000,
  // The upper half of the audit-search suite's block (test/org-numbers.ts ORG_BLOCKS.auditUi).
  audit: 68_500_000,
  dashboard: 42_200_000,
  multiprocess: 42_300_000,
  "multiprocess-outage": 42_400_000,
  "multiprocess-limits": 42_500_000,
  branding: 42_600_000,
  preflight: 42_800_000,
  promotion: 42_900_000,
  mail: 42_700_000,
} as const;

export type SpecName = keyof typeof FIRST;

/** `count` valid org numbers from the spec's own block; seedOrganisations makes them known to Altinn. */
export function orgsFor(spec: SpecName, count: number): string[] {
  return orgNumbers(count, FIRST[spec]);
}

/** Where a spec's block starts, for a set-up script that makes the same numbers itself. */
export const firstOrgOf = (spec: SpecName) => FIRST[spec];

/** The same number with another check digit: what a typo looks like (never valid, the digit is unique). */
export function withWrongCheckDigit(orgNo: string): string {
  return `${orgNo.slice(0, 8)}${(Number(orgNo[8]) + 1) % 10}`;
}
