import "server-only";

type Text = { title: string; body: string };

/**
 * A small page in bokmål and English for answers a route handler gives without React (429, 413, 415):
 * readable without JavaScript or styles, and with no inline style, which the CSP (proxy.ts) would refuse.
 * Every text passed in is ours; no input may reach it unescaped. `frame` is HTML put around the text (the
 * vendor's branding on a public page), built and escaped by its caller.
 */
export function plainPage(
  status: number,
  text: { nb: Text; en: Text },
  headers: Record<string, string> = {},
  frame: { top: string; bottom: string } = { top: "", bottom: "" },
): Response {
  const html = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text.nb.title} / ${text.en.title}</title></head>
<body><main>${frame.top}
<h1>${text.nb.title}</h1><p>${text.nb.body}</p>
<h2 lang="en">${text.en.title}</h2><p lang="en">${text.en.body}</p>${frame.bottom}
</main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
