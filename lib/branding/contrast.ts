// WCAG 2.1 contrast, from the standard's own definitions ("relative luminance", "contrast ratio"): a few
// lines, so no dependency (ADR 025). Pure and without server-only: the settings' live preview uses it too.

/** The brand colour is used as a button's background under white text, and as text and accents on the page. */
export const BUTTON_TEXT = "#ffffff";
/** The public pages' background (Tailwind slate-50, the body's bg-slate-50 in app/layout.tsx). */
export const PAGE_BACKGROUND = "#f8fafc";
/** WCAG 2.1 AA for normal text (1.4.3). */
export const AA_NORMAL_TEXT = 4.5;

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

function channel(hex: string, at: number): number {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of an sRGB colour written #RRGGBB. */
export function relativeLuminance(hex: string): number {
  if (!HEX_COLOUR.test(hex)) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

export type ColourCheck = { onButtonText: number; onPage: number; ok: boolean };

/**
 * Whether a brand colour keeps AA where the pages use it: white text on it (the primary button) and it on
 * the page's background (links, the header accent). Ratios are not rounded up: 4.49 fails, as WCAG says.
 */
export function checkBrandColour(hex: string): ColourCheck {
  const onButtonText = contrastRatio(hex, BUTTON_TEXT);
  const onPage = contrastRatio(hex, PAGE_BACKGROUND);
  return { onButtonText, onPage, ok: onButtonText >= AA_NORMAL_TEXT && onPage >= AA_NORMAL_TEXT };
}

/** A ratio as people read it: 4.48:1 (two decimals, truncated so a failing ratio never reads as 4.50). */
export const formatRatio = (r: number) => `${(Math.floor(r * 100) / 100).toFixed(2)}:1`;
