/** On every portal page while production is the current environment: words, not colour alone. */
export function ProductionBanner({ text }: { text: string }) {
  return (
    <div data-testid="production-banner" className="border-b-4 border-red-900 bg-red-700 text-white">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm font-semibold">
        <span aria-hidden>⚠ </span>
        {text}
      </p>
    </div>
  );
}
