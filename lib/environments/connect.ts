import "server-only";
import { callLog } from "@/lib/calls/log";
import type { EnvironmentView } from "@/lib/environments/types";
import type { Connection } from "@/lib/integrations/connection";
import { loadSigner } from "@/lib/keys/signer";

/** The environment with what the HTTP clients need from the database: its signing key and the call log. */
export function connect(environment: EnvironmentView): Connection {
  return { ...environment, signer: () => loadSigner(environment.id), calls: callLog };
}
