// Shared dependencies handed to every API module. URLs are filled in once the server has bound its
// port, before the first request can arrive (port 0 is allowed).
import type { Store } from "./state/store";

export interface Emulator {
  store: Store;
  /** Base URL clients use, without trailing slash. */
  publicUrl: string;
  /** Maskinporten issuer: publicUrl with a trailing slash, as test.maskinporten.no publishes it. */
  issuer: string;
  /** The emulated clock: real time plus the offset set by `POST /emulator/clock`. Use it for every expiry. */
  now(): Date;
}
