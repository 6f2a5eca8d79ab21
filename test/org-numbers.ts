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
