import { openApiDocument } from "@/lib/api/openapi";

// Public like any API reference: it describes the API, it holds nothing of anyone's.
export function GET() {
  return Response.json(openApiDocument());
}
