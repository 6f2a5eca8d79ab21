// Client delegation for agent system users (CONTRACT §5.2).
import type { Emulator } from "../context";
import type { Router } from "../lib/router";

export function registerClientDelegation(_router: Router, _emu: Emulator): void {}
