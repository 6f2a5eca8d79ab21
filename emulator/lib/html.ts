// Server-rendered HTML for the emulator's end-user pages. Colours are chosen for WCAG 2.1 AA
// contrast (all text ≥ 4.5:1, focus ring and borders ≥ 3:1 against their background).
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const CSS = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}
header{background:#022f51;color:#fff;padding:.75rem 1.5rem}
header p{margin:0;font-weight:600}
main{max-width:48rem;margin:0 auto;padding:1.5rem}
a{color:#0052a3}
dt{font-weight:600}dd{margin:0 0 .75rem 0}
label{display:block;font-weight:600;margin-bottom:.25rem}
select,textarea{font:inherit;padding:.5rem;border:2px solid #4b5563;border-radius:4px;box-sizing:border-box;width:100%}
select{max-width:24rem}
textarea{min-height:12rem;font-family:ui-monospace,monospace;font-size:.9rem}
.actions{margin-top:1.25rem;display:flex;gap:.75rem;flex-wrap:wrap}
button{font:inherit;font-weight:600;padding:.6rem 1.25rem;border-radius:4px;border:2px solid #0052a3;cursor:pointer}
.primary{background:#0052a3;color:#fff}
.secondary{background:#fff;color:#0052a3}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.error{color:#8a1c1c;background:#fdf2f2;border-left:4px solid #8a1c1c;padding:.5rem 1rem}
.status{color:#14532d;background:#f0fdf4;border-left:4px solid #14532d;padding:.5rem 1rem}
.hint{color:#374151;font-size:.95rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #6b7280;vertical-align:top}
code{background:#f3f4f6;padding:0 .25rem;border-radius:3px;word-break:break-all}
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><p>Altinn / Maskinporten – emulator (test)</p></header>
<main>
${body}
</main>
</body>
</html>`;
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${esc(title)}</h1>\n<p>${esc(message)}</p>`);
}
