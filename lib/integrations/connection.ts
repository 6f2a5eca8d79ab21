import type { EnvironmentView } from "@/lib/environments/types";

/** What an integration client reports about each call it makes; the call log stores it. */
export type CallLogEntry = {
  environmentId: string;
  service: "maskinporten" | "altinn" | "digdir";
  method: string;
  path: string;
  status: number | null;
  durationMs: number;
  problemCode?: string | null;
  traceId?: string | null;
  correlationId: string;
};

export type CallLog = {
  record: (entry: CallLogEntry) => Promise<void>;
  /** Returns at once (bulk jobs make hundreds of calls a second; the log is written in batches). */
  recordInBackground: (entry: CallLogEntry) => Promise<void>;
};

export type Signer = { kid: string; key: CryptoKey };

/**
 * An environment as the HTTP clients need it. The clients never touch the database: the key that
 * signs grants and the call log are passed in (lib/environments/connect.ts builds this).
 */
export type Connection = EnvironmentView & {
  /** The environment's active signing key, read per grant so a rotation applies at once everywhere. */
  signer: () => Promise<Signer>;
  calls: CallLog;
};
