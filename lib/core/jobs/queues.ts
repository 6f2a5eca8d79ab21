import type PgBoss from "pg-boss";

type QueueDef = { name: string; options: Omit<PgBoss.Queue, "name"> };

/**
 * Every queue the portal uses. Work lives in our own tables (requests, bulk rows, …); a job only says
 * "go and do what is due", so a lost or repeated job never loses or doubles work. Hence retryLimit 0:
 * a job whose process died (SIGKILL) expires after expireInSeconds and is not retried, because the
 * queue's cron schedule (SCHEDULES below) sends the same "do what is due" again within its period, and
 * rows a dead process held come back when their lease ends (lib/bulk/store.ts claimRows).
 */
export const QUEUES = [
  // Reads waiting requests from Altinn when their back-off says so. One run at a time across processes.
  // A run stops starting reads after 60 s (lib/requests/poller.job.ts), so 120 s frees the queue soon
  // after its process was killed: with 300 s, polling stood still for five minutes.
  { name: "requests-poll", options: { policy: "singleton", retryLimit: 0, expireInSeconds: 120 } },
  // Compares Altinn's lists with our tables (lib/reconciliation/run.job.ts). Hourly, or when someone presses Run now.
  { name: "reconcile", options: { policy: "singleton", retryLimit: 0, expireInSeconds: 1800 } },
  // Works "assign all clients" jobs (client_assign_items). The cron run resumes them after a restart.
  { name: "client-assign", options: { policy: "singleton", retryLimit: 0, expireInSeconds: 300 } },
  // "Work on bulk job X" (or on every unfinished one). The handler only starts the work in the
  // background; rows are claimed with leases in bulk_rows, so repeats and losses are harmless.
  { name: "bulk-onboarding", options: { policy: "standard", retryLimit: 0, expireInSeconds: 60 } },
  // Announces signing keys nearing expiry as key.expiring events (lib/keys/expiring.job.ts).
  { name: "key-expiry", options: { policy: "singleton", retryLimit: 0, expireInSeconds: 300 } },
  // "Send the webhook deliveries that are due" (lib/webhooks/deliver.job.ts): the handler wakes the process's
  // sender and returns; the rows in webhook_deliveries are the work. One waiting kick is as good as many.
  { name: "webhooks", options: { policy: "short", retryLimit: 0, expireInSeconds: 60 } },
  // Signs a checkpoint of each audit chain that is due (lib/audit/checkpoints.ts), and nightly checks
  // every chain from its start (lib/audit/verify-all.ts) and prunes what retention lets go (lib/audit/retention.ts).
  { name: "audit-checkpoint", options: { policy: "singleton", retryLimit: 0, expireInSeconds: 600 } },
  { name: "audit-nightly", options: { policy: "singleton", retryLimit: 0, expireInSeconds: 3600 } },
  // "Send the e-mail that is due" (lib/mail/deliver.job.ts): the rows in mail_messages are the work, claimed
  // under lease, so one waiting kick is as good as many.
  { name: "mail", options: { policy: "short", retryLimit: 0, expireInSeconds: 300 } },
  // Queues reminders and confirmations that are due (lib/mail/reminders.job.ts); keyed rows, one run at a time.
  { name: "mail-reminders", options: { policy: "singleton", retryLimit: 0, expireInSeconds: 300 } },
] as const satisfies readonly QueueDef[];

export type QueueName = (typeof QUEUES)[number]["name"];

/** Cron schedules (pg-boss checks them every 30 s; one minute is the finest step). */
export const SCHEDULES: { name: QueueName; cron: string }[] = [
  { name: "requests-poll", cron: "* * * * *" },
  { name: "reconcile", cron: "17 * * * *" },
  { name: "client-assign", cron: "* * * * *" },
  // Picks up jobs a dead process left behind (leases run out) and jobs waiting out an outage.
  { name: "bulk-onboarding", cron: "* * * * *" },
  { name: "key-expiry", cron: "41 * * * *" },
  // Deliveries made due elsewhere (another process, a retry further out than the sender sleeps, a dead lease).
  { name: "webhooks", cron: "* * * * *" },
  { name: "audit-checkpoint", cron: "* * * * *" },
  { name: "audit-nightly", cron: "23 3 * * *" },
  { name: "mail", cron: "* * * * *" },
  { name: "mail-reminders", cron: "* * * * *" },
];

/** Queues kicked once when a process starts its workers, so unfinished work resumes at once. */
export const KICK_ON_START: QueueName[] = ["bulk-onboarding", "key-expiry", "webhooks", "mail"];
