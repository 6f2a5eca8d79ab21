import { getActor } from "@/lib/auth/session";
import { currentEnvironment } from "@/lib/environments/current";
import { listKeys } from "@/lib/keys/queries";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

/** Public keys only, as a JWKS file for Digdir's self-service: every key the client should hold (next, active, retiring). */
export async function GET() {
  try {
    const actor = await getActor();
    const environment = await currentEnvironment(actor);
    const keys = await listKeys({ actor, environment });
    return new Response(
      JSON.stringify({ keys: keys.filter((k) => k.state !== "retired").map((k) => k.publicJwk) }, null, 2),
      {
        headers: {
          "content-type": "application/json",
          "content-disposition": `attachment; filename="${environment.slug}-jwks.json"`,
        },
      },
    );
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: err.code }, { status: err.status });
    throw err;
  }
}
