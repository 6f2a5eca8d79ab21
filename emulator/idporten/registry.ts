// In-memory ID-porten state: registered OIDC clients and issued authorization codes. Neither is
// persisted: clients are set up by the start-up script on every run, and codes live 60 s anyway.
import { randomBytes } from "node:crypto";
import type { Emulator } from "../context";

export interface IdportenClient {
  clientId: string;
  redirectUris: string[];
  scopes: string[];
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | undefined;
  pid: string;
  expiresAt: number;
}

const CODE_LIFETIME_MS = 60_000;

export class IdportenRegistry {
  readonly clients = new Map<string, IdportenClient>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(private readonly emu: Emulator) {}

  issueCode(code: Omit<AuthorizationCode, "expiresAt">): string {
    const now = this.emu.now().getTime();
    for (const [key, stored] of this.codes) if (stored.expiresAt <= now) this.codes.delete(key);
    const value = randomBytes(32).toString("base64url");
    this.codes.set(value, { ...code, expiresAt: now + CODE_LIFETIME_MS });
    return value;
  }

  /** Single use: the code is removed on the first attempt, whether or not the rest of the request is valid. */
  takeCode(value: string): AuthorizationCode | null {
    const code = this.codes.get(value);
    this.codes.delete(value);
    if (!code || code.expiresAt <= this.emu.now().getTime()) return null;
    return code;
  }
}
