import "server-only";
import { z } from "zod";
import type { Connection } from "@/lib/integrations/connection";
import { callAltinn, parseBody } from "@/lib/integrations/altinn/http";
import { systemUserSchema, type AltinnSystemUser } from "@/lib/integrations/altinn/requests";
import { AppError } from "@/lib/core/errors";

export type ListedSystemUser = AltinnSystemUser;

const page = z.object({
  links: z.object({ next: z.string().optional() }).loose().optional(),
  data: z.array(systemUserSchema),
});

// 50 per page (CONTRACT §5.1); a bound keeps a looping `next` from running forever.
const MAX_PAGES = 2000;

/** Every system user of one system: GET /systemuser/vendor/bysystem/{systemId}, following `links.next`. */
export async function listSystemUsersBySystem(environment: Connection, systemId: string): Promise<ListedSystemUser[]> {
  const users: ListedSystemUser[] = [];
  let token: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const res = await callAltinn(environment, {
      method: "GET",
      path: `/systemuser/vendor/bysystem/${encodeURIComponent(systemId)}`,
      query: token ? { token } : {},
    });
    const body = parseBody(page, res, "system users by system");
    users.push(...body.data.filter((u) => !u.isDeleted));
    const next = body.links?.next;
    // The paging token is all we take from `next`: the host and path stay the environment's own.
    token = next && URL.canParse(next) ? new URL(next).searchParams.get("token") : null;
    if (!token) return users;
  }
  throw new AppError(
    "altinn_paging",
    { nb: "Altinn sluttet ikke å bla (systembrukere).", en: "Altinn's paging never ended (system users)." },
    502,
  );
}
