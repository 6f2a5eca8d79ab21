// Access-package metadata API (CONTRACT §6.3).
import type { Emulator } from "../context";
import type { Router } from "../lib/router";

export function registerMetadata(_router: Router, _emu: Emulator): void {}
