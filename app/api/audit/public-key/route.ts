import { getActor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/actor";
import { auditPublicJwk } from "@/lib/audit/signing";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

/** The audit checkpoints' public key as a JWK file, for `npm run audit:verify -- FILE --public-key it` (ADR 020). */
export async function GET() {
  try {
    assertCan(await getActor(), "audit.read");
    return new Response(`${JSON.stringify(await auditPublicJwk(), null, 2)}\n`, {
      headers: {
        "content-type": "application/jwk+json",
        "content-disposition": 'attachment; filename="audit-public-key.jwk"',
      },
    });
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: err.code }, { status: err.status });
    throw err;
  }
}
