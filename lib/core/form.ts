/**
 * The posted form, or an empty one when the body is missing or not a form: a crafted or truncated
 * POST then fails validation with a clear message instead of a 500.
 */
export async function readForm(req: Request): Promise<FormData> {
  try {
    return await req.formData();
  } catch {
    return new FormData();
  }
}
