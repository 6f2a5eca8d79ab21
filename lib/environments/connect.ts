import "server-only";
import { callLog } from "@/lib/calls/log";
import type { EnvironmentView } from "@/lib/environments/types";
import type { Connection } from "@/lib/integrations/connection";
import { loadSigner } from "@/lib/keys/signer";
import { metrics } from "@/lib/core/metrics";
import { observeTokens } from "@/lib/integrations/maskinporten/tokens";

// Token-cache decisions and grants feed the process's metrics; every token is fetched through a connection.
observeTokens((event, token) => {
  if (event === "granted") metrics().tokenGrants.inc({ token });
  else metrics().tokenCache.inc({ token, outcome: event });
});

/** The environment with what the HTTP clients need from the database: its signing key and the call log. */
export function connect(environment: EnvironmentView): Connection {
  return { ...environment, signer: () => loadSigner(environment.id), calls: callLog };
}
