export type PublicJwk = { kty: "RSA"; n: string; e: string; kid: string; alg: "RS256"; use: "sig" };

export const KEY_SIZES = [2048, 3072] as const;

export type KeyState = "next" | "active" | "retiring" | "retired";
