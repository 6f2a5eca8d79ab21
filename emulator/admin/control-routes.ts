// Faults, clock, parties and per-route stats under /emulator/.
import type { Emulator } from "../context";
import type { Router } from "../lib/router";

export function registerControl(_router: Router, _emu: Emulator): void {}
