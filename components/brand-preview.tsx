"use client";
import { useLayoutEffect, useRef } from "react";
import { useT } from "@/components/providers";
import { BrandFooter, BrandHeader, type Support } from "@/components/brand-view";
import { checkBrandColour, formatRatio, HEX_COLOUR } from "@/lib/branding/contrast";

type Props = { name: string | null; logoSrc: string | null; colour: string; support: Support; systemName: string };

/**
 * The public page as it will look, redrawn as the admin types. The colour is set through the CSSOM (a
 * custom property on this box): the CSP refuses style attributes, not styles a script sets.
 */
export function BrandPreview({ name, logoSrc, colour, support, systemName }: Props) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const valid = HEX_COLOUR.test(colour);
  const check = valid ? checkBrandColour(colour) : null;
  useLayoutEffect(() => {
    const style = box.current?.style;
    if (!style) return;
    for (const v of ["--color-brand-700", "--color-brand-800"]) style.removeProperty(v);
    if (valid) {
      style.setProperty("--color-brand-700", colour);
      style.setProperty("--color-brand-800", `color-mix(in srgb, ${colour} 80%, black)`);
    }
  }, [colour, valid]);
  return (
    <section aria-labelledby="brand-preview-title" className="mt-6">
      <h3 id="brand-preview-title" className="mb-2 text-sm font-semibold">
        {t("brand.preview")}
      </h3>
      <div ref={box} data-testid="brand-preview" className="rounded-lg border border-slate-300 bg-slate-50 p-6">
        <BrandHeader name={name} logoSrc={logoSrc} asks t={t} />
        <p className="mb-4 text-xl font-bold">{t("onboard.title", { system: systemName })}</p>
        <span className="inline-flex rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">
          {t("brand.preview.button")}
        </span>
        <BrandFooter name={name} support={support} t={t} />
      </div>
      {check && (
        <p data-testid="brand-contrast" className={`mt-2 text-sm ${check.ok ? "text-green-900" : "text-red-800"}`}>
          {t("brand.preview.contrast", { button: formatRatio(check.onButtonText), page: formatRatio(check.onPage) })}{" "}
          {t(check.ok ? "brand.preview.contrastOk" : "brand.preview.contrastBad")}
        </p>
      )}
    </section>
  );
}
