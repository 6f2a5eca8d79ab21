import pLimit from "p-limit";

export type BoundedQueue = {
  /** Runs `task` when a slot is free; rejects at once with `refuse()` when `maxWaiting` tasks already wait. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
};

/**
 * At most `concurrency` tasks at once, at most `maxWaiting` more in line, the rest refused straight away.
 * For work that costs memory per call (argon2): a burst then waits briefly or is turned away, instead of
 * growing a queue without end while every caller holds a request open.
 */
export function boundedQueue(concurrency: number, maxWaiting: number, refuse: () => Error): BoundedQueue {
  const limit = pLimit(concurrency);
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      // A free slot takes the task at once (p-limit counts it active synchronously); only a full house
      // with a full line refuses.
      if (limit.activeCount >= concurrency && limit.pendingCount >= maxWaiting) return Promise.reject(refuse());
      return limit(task);
    },
    get active() {
      return limit.activeCount;
    },
    get waiting() {
      return limit.pendingCount;
    },
  };
}
