import { readLogo } from "@/lib/branding/queries";

type Ctx = { params: Promise<{ owner: string; id: string; file: string }> };

/**
 * A vendor's logo, public like the pages that show it. The URL names the content (its SHA-256), so it can be
 * cached for a year: a new logo is a new URL, and an old URL answers 404. The type is the one sniffed from the
 * bytes at upload (never SVG), and nosniff keeps browsers from guessing another.
 */
export async function GET(_req: Request, ctx: Ctx) {
  const { owner, id, file } = await ctx.params;
  const hash = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(file)?.[1];
  const logo = hash && (owner === "e" || owner === "s") ? await readLogo(owner, id, hash) : null;
  if (!logo) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      "content-type": logo.type,
      "content-length": String(logo.bytes.length),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      // Shown as an image only; opened directly, nothing in it may run or be framed.
      "content-security-policy": "default-src 'none'; sandbox",
      "content-disposition": "inline",
    },
  });
}
