import { z } from "zod";
import { defineOperation, ok } from "@/lib/api/operation";
import { listEvents } from "@/lib/events/queries";
import { EventSchema, EventTypeSchema } from "@/lib/events/types";

const EventPage = z
  .object({
    data: z.array(EventSchema),
    hasMore: z.boolean(),
    nextAfter: z.number().int().describe("Pass as `after` for the next page (the last sequence on this page)."),
  })
  .meta({ id: "EventPage" });

export const listEventsOp = defineOperation({
  method: "GET",
  path: "/events",
  operationId: "listEvents",
  summary: "Events after a sequence number",
  description:
    "Oldest first. Store the last `sequence` you handled and ask for `after` it to catch up after downtime; webhooks deliver the same events.",
  tag: "Events",
  scope: "events:read",
  query: z.object({
    after: z.coerce
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("Sequence number to start after (0: from the beginning)."),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    types: z
      .string()
      .optional()
      .describe("Comma-separated event types to include, e.g. `request.accepted,systemuser.created`.")
      .transform((v, ctx) => {
        const list = (v ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const parsed = z.array(EventTypeSchema).safeParse(list);
        if (!parsed.success) {
          ctx.addIssue({ code: "custom", message: "api.errors.eventType" });
          return z.NEVER;
        }
        return parsed.data;
      }),
  }),
  response: { status: 200, description: "A page of events.", schema: EventPage },
  async handle({ query }, { scope }) {
    const page = await listEvents(scope, { after: query.after, limit: query.limit, types: query.types });
    return ok({ ...page, nextAfter: page.data.at(-1)?.sequence ?? query.after });
  },
});
