// Waiting for work the portal does in the background (jobs, pollers) without sleeping: retry a check
// until it passes or the time is up, and fail with the last check's own message.
import { expect, type Page } from "@playwright/test";

const INTERVALS = [250, 500, 1_000, 2_000];

/** Reloads the page until `check` passes: for pages that show a background result only when loaded. */
export async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 45_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: INTERVALS });
}

/** Polls a value (an API answer, the emulator's state) until it satisfies the matcher chained on the result. */
export function pollUntil<T>(read: () => Promise<T>, message: string, timeout = 30_000) {
  return expect.poll(read, { message, timeout, intervals: INTERVALS });
}
