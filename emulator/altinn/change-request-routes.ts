// Change requests (CONTRACT §4.4).
import type { Emulator } from "../context";
import type { Router } from "../lib/router";

export function registerChangeRequests(_router: Router, _emu: Emulator): void {}
