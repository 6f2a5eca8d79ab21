// Test controls applied around every request: injected faults before routing, call counts after.
// The control area (POST /emulator/faults, /emulator/clock, GET /emulator/stats) owns this file.
import type { ServerResponse } from "node:http";
import type { Emulator } from "../context";

/** Answers the request itself (and returns true) when a configured fault applies. */
export async function applyFaults(_emu: Emulator, _pathname: string, _res: ServerResponse): Promise<boolean> {
  return false;
}

/** Counts one answered call under "METHOD /route/pattern status" (memory only; no state-file write per call). */
export function recordCall(emu: Emulator, method: string, pattern: string, status: number): void {
  const key = `${method} ${pattern} ${status}`;
  const calls = emu.store.data.control.calls;
  calls[key] = (calls[key] ?? 0) + 1;
}
