import type { Timer } from "@/lib/bulk/row";

/**
 * Resolves after `ms`, or at once when `signal` aborts, so a stopping run never waits out a pause. The
 * abort listener goes when the time is up: the worker's signal lives as long as the process, and every
 * pause and idle wait would otherwise leave one behind on it.
 */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(t);
      signal?.removeEventListener("abort", wake);
      resolve();
    };
    const t = setTimeout(wake, Math.max(0, ms));
    signal?.addEventListener("abort", wake, { once: true });
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
