import type { Timer } from "@/lib/bulk/row";

/** Resolves after `ms`, or at once when `signal` aborts, so a stopping run never waits out a pause. */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, Math.max(0, ms));
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/** Sums milliseconds per phase into `into` (the bench prints them); without it, just runs `fn`. */
export const phaseTimer =
  (into?: Record<string, number>): Timer =>
  async (phase, fn) => {
    if (!into) return fn();
    const t = performance.now();
    try {
      return await fn();
    } finally {
      into[phase] = (into[phase] ?? 0) + performance.now() - t;
    }
  };
