// In-memory state with optional JSON-file persistence. Every mutation goes through `mutate` so the
// file is rewritten after each change and a restart keeps clients, keys, systems, requests and users.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { emptyData, stateFileSchema, type EmulatorData } from "./schema";
import { generateSigningKey, loadSigningKey, type SigningKey } from "./signing-key";

export class Store {
  /** jti → expiry (epoch seconds). Kept in memory only: grants live at most 120 s. */
  private readonly usedJtis = new Map<string, number>();

  private constructor(
    public data: EmulatorData,
    public readonly signing: SigningKey,
    private readonly file: string | undefined,
  ) {}

  static async open(file?: string): Promise<Store> {
    if (file && existsSync(file)) {
      const parsed = stateFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
      return new Store(parsed.data, await loadSigningKey(parsed.signingKey), file);
    }
    const store = new Store(emptyData(), await generateSigningKey(), file);
    store.save();
    return store;
  }

  mutate<T>(change: (data: EmulatorData) => T): T {
    const result = change(this.data);
    this.save();
    return result;
  }

  /** Clears everything except the signing key, so tokens verified by the portal's JWKS cache stay valid. */
  reset(): void {
    this.usedJtis.clear();
    this.mutate(() => {
      this.data = emptyData();
    });
  }

  /** Returns false when the jti was seen before (replay); records it otherwise. */
  claimJti(jti: string, expiresAt: number, now: number): boolean {
    for (const [key, exp] of this.usedJtis) if (exp < now - 60) this.usedJtis.delete(key);
    if (this.usedJtis.has(jti)) return false;
    this.usedJtis.set(jti, expiresAt);
    return true;
  }

  isJtiUsed(jti: string): boolean {
    return this.usedJtis.has(jti);
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const body = JSON.stringify({ version: 1, signingKey: this.signing.privateJwk, data: this.data }, null, 2);
    // Write-then-rename so a crash mid-write never leaves a truncated state file behind.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, body);
    renameSync(tmp, this.file);
  }
}
