// Token exchange (CONTRACT §2) and Altinn's OIDC metadata/JWKS.
import type { Emulator } from "../context";
import type { Router } from "../lib/router";

export function registerExchange(_router: Router, _emu: Emulator): void {}
