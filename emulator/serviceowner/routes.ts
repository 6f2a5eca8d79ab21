// A sample service owner API protected by system-user tokens, asking the emulator's PDP.
import type { Emulator } from "../context";
import type { Router } from "../lib/router";

export function registerServiceOwner(_router: Router, _emu: Emulator): void {}
