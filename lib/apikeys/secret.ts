import { randomBytes } from "node:crypto";
import { keyedDigest } from "@/lib/core/master-key";
import type { EnvironmentView } from "@/lib/environments/types";

// `sbp_live_` for production, `sbp_test_` for the rest: anyone who sees a key (in a log, a ticket, a
// .env file) can tell at a glance whether it can touch real customers.
const PATTERN = /^sbp_(live|test)_[A-Za-z0-9]{40}$/;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export const keyMode = (kind: EnvironmentView["kind"]) => (kind === "production" ? "live" : "test");

/** 40 characters from 62: about 238 bits, so a plain keyed digest is enough (no slow hash needed). */
export function newApiKeySecret(kind: EnvironmentView["kind"]): string {
  const bytes = randomBytes(40);
  let body = "";
  for (const b of bytes) body += ALPHABET[b % 62];
  return `sbp_${keyMode(kind)}_${body}`;
}

/** What the key is shown as after creation: the mode and the first four characters. */
export const keyPrefix = (secret: string) => secret.slice(0, 13);

export const looksLikeApiKey = (value: string) => PATTERN.test(value);

/** Stored instead of the key: useless without the installation's master key. */
export const hashApiKey = (secret: string) => keyedDigest("api-key", secret).toString("hex");
