// ID-porten state: registered OIDC clients live in the store (so they survive a restart with a state
// file); authorization codes stay in memory, they live 60 s anyway.
import { randomBytes } from "node:crypto";
import type { Emulator } from "../context";

export interface IdportenClient {
  clientId: string;
  redirectUris: string[];
  scopes: string[];
  /** SHA-256 (base64url) of the client secret; absent for a public client that relies on PKCE alone. */
  secretHash?: string | undefined;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | undefined;
  pid: string;
  /** Person claims the login page supplied: a name (scope `profile`), an e-mail (scope `email`). */
  name?: string | undefined;
  email?: { address: string; verified: boolean } | undefined;
  expiresAt: number;
}

const CODE_LIFETIME_MS = 60_000;

/** Map-like view over the stored clients, so callers need not know where they live. */
class StoredClients {
  constructor(private readonly emu: Emulator) {}
  get(id: string): IdportenClient | undefined {
    return this.emu.store.data.idportenClients.find((c) => c.clientId === id);
  }
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
  set(id: string, client: IdportenClient): void {
    this.emu.store.mutate((d) => {
      d.idportenClients = [...d.idportenClients.filter((c) => c.clientId !== id), client];
    });
  }
  values(): IdportenClient[] {
    return this.emu.store.data.idportenClients;
  }
}

export class IdportenRegistry {
  readonly clients: StoredClients;
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(private readonly emu: Emulator) {
    this.clients = new StoredClients(emu);
  }

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
