/** Text with `backticks` shown as code, as the OpenAPI descriptions are written. */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.9em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A block of code; focusable, since it may scroll sideways (keyboard users must reach all of it). */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className="overflow-x-auto rounded-md bg-slate-900 p-4 text-sm leading-relaxed text-slate-50"
    >
      <code>{code}</code>
    </pre>
  );
}
