// npm run audit:verify -- FILE [--public-key KEY.jwk]
// Checks an export from `npm run audit:export` offline (no database, no portal): every event's hash and
// link in order, and the signed checkpoint at its end. Exit 0 when it holds, 1 naming the first bad line.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { PublicJwk } from "@/lib/audit/checkpoint-token";
import { verifyExportFile } from "@/lib/audit/verify-file";

const { values, positionals } = parseArgs({ options: { "public-key": { type: "string" } }, allowPositionals: true });
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error("Usage: npm run audit:verify -- FILE [--public-key KEY.jwk]");
  process.exit(2);
}

let key: z.infer<typeof PublicJwk> | undefined;
if (values["public-key"]) {
  const parsed = PublicJwk.safeParse(JSON.parse(readFileSync(values["public-key"], "utf8")));
  if (!parsed.success) {
    console.error(`${values["public-key"]} is not an Ed25519 public key (JWK): download it from the audit page.`);
    process.exit(2);
  }
  key = parsed.data;
}

const verdict = await verifyExportFile(file, key);
if (verdict.ok) {
  console.log(`OK: ${verdict.events} events of chain ${verdict.chain}, seq ${verdict.firstSeq} to ${verdict.lastSeq}.`);
  if (verdict.keyFromFile)
    console.log(
      "Checked with the public key inside the file. Pass --public-key with the key from the audit page to prove who signed it.",
    );
} else {
  console.error(`FAILED at line ${verdict.line}${verdict.seq ? `, seq ${verdict.seq}` : ""}: ${verdict.message}`);
  process.exitCode = 1;
}
