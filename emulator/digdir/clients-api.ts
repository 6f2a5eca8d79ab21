// Digdir self-service API for client keys (CONTRACT §1.7).
import type { Emulator } from "../context";
import type { Router } from "../lib/router";

export function registerDigdirApi(_router: Router, _emu: Emulator): void {}
