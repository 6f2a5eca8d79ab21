// ID-porten OpenID Connect provider for synthetic persons (authorization code + PKCE).
import type { Emulator } from "../context";
import type { Router } from "../lib/router";

export function registerIdPorten(_router: Router, _emu: Emulator): void {}
