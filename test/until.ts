// Waiting for something that happens in the background (jobs, workers, connections closing).

/**
 * Waits until `check` holds, asking again every `intervalMs`; fails with `what` after `timeoutMs`.
 * For work that finishes in the background (jobs, workers); never a fixed sleep in its place.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 15_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
