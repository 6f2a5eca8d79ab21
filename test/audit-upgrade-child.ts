// A portal process starting on a database from before ADR 020, for test/suites/audit-upgrade.ts: what
// instrumentation.ts does at start (upgradeAuditChain), then the nightly full check, whose verdict it prints.
// Run: node --conditions=react-server --import tsx test/audit-upgrade-child.ts   (env, DATABASE_URL included, from the parent)
export {};
const { upgradeAuditChain } = await import("@/lib/audit/upgrade");
const { verifyAllChains } = await import("@/lib/audit/verify-all");
const { closeDb } = await import("@/lib/core/db");
try {
  await upgradeAuditChain();
  console.log(`verified ${JSON.stringify(await verifyAllChains())}`);
} finally {
  await closeDb();
}
