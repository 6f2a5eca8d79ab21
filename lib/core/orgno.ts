// Norwegian organisation numbers: 9 digits, the last a mod-11 check digit (weights 3,2,7,6,5,4,3,2).
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

export function isValidOrgNo(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === digits[8];
}

/** Accepts "123 456 785" or "123456785" as people type them; returns the 9 digits. */
export function normalizeOrgNo(value: string): string {
  return value.replace(/[\s.]/g, "");
}
