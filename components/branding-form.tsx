"use client";
import { useActionState, useState, type ChangeEvent } from "react";
import { useT } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { FieldErrors, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { BrandPreview } from "@/components/brand-preview";
import type { ActionState } from "@/lib/auth/action-state";
import type { StoredBranding } from "@/lib/branding/types";
import { HEX_COLOUR } from "@/lib/branding/contrast";
import { sniffLogo } from "@/lib/branding/logo";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;
type Props = {
  id: string;
  mode: "environment" | "system";
  stored: StoredBranding | null;
  /** A system's form: the environment's branding, which every empty field falls back to. */
  inherited?: StoredBranding | null;
  systemName: string;
  save: Action;
  reset: Action;
};
const TEXT = ["displayName", "colour", "supportEmail", "supportPhone", "supportUrl"] as const;
type Text = Record<(typeof TEXT)[number], string>;
const textOf = (b: StoredBranding | null | undefined): Text =>
  Object.fromEntries(TEXT.map((k) => [k, b?.[k] ?? ""])) as Text;
const LOGO_ERROR = {
  svg: "brand.errors.logoSvg",
  type: "brand.errors.logoType",
  size: "brand.errors.logoSize",
  empty: "brand.errors.logoEmpty",
};

/** An admin's branding form with a live preview of the public page; the server checks everything again. */
export function BrandingForm({ id, mode, stored, inherited, systemName, save, reset }: Props) {
  const t = useT();
  const [text, setText] = useState<Text>(() => textOf(stored));
  const [logo, setLogo] = useState<{ src: string | null; error: string | null }>({ src: null, error: null });
  const [removeLogo, setRemoveLogo] = useState(false);
  const fallback = textOf(inherited);
  // After a save the stored logo is the page's (re-rendered by the server); after a reset the form is empty.
  const [state, saveAction, saving] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await save(prev, form);
    if (next.ok) {
      setLogo({ src: null, error: null });
      setRemoveLogo(false);
    }
    return next;
  }, {});
  const [resetState, resetAction, resetting] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await reset(prev, form);
    if (next.ok) {
      setText(textOf(null));
      setLogo({ src: null, error: null });
    }
    return next;
  }, {});

  const set = (k: keyof Text) => (e: ChangeEvent<HTMLInputElement>) => setText({ ...text, [k]: e.target.value });
  const onLogo = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return setLogo({ src: null, error: null });
    const sniff = sniffLogo(new Uint8Array(await file.slice(0, 256 * 1024 + 1).arrayBuffer()));
    if (!sniff.ok) return setLogo({ src: null, error: LOGO_ERROR[sniff.reason] });
    // A data: URL, since the CSP allows img-src 'self' data: (not blob:).
    const reader = new FileReader();
    reader.onload = () => setLogo({ src: typeof reader.result === "string" ? reader.result : null, error: null });
    reader.readAsDataURL(file);
  };
  const effective = (k: keyof Text) => text[k] || fallback[k];
  const storedLogo = removeLogo ? null : (stored?.logoPath ?? null);
  const logoSrc = logo.src ?? storedLogo ?? (mode === "system" ? (inherited?.logoPath ?? null) : null);
  const errors = state.errors ?? {};
  const field = (k: keyof Text, type = "text", extra: object = {}) => (
    <TextField
      name={k}
      label={t(`brand.field.${k}`)}
      type={type}
      value={text[k]}
      onChange={set(k)}
      placeholder={fallback[k] || undefined}
      errors={errors[k]}
      {...extra}
    />
  );

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div>
        <form action={saveAction} noValidate>
          <FormMessage state={state} />
          <input type="hidden" name="id" value={id} />
          {field("displayName", "text", { hint: t("brand.field.displayName.hint"), maxLength: 80 })}
          <div className="mb-4">
            <label htmlFor="logo" className="block text-sm font-medium">
              {t("brand.field.logo")}
            </label>
            <input
              id="logo"
              name="logo"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              onChange={onLogo}
              aria-describedby="logo-hint logo-error"
              aria-invalid={logo.error || errors.logo ? true : undefined}
              className="mt-1 block w-full text-sm"
            />
            <p id="logo-hint" className="mt-1 text-xs text-slate-700">
              {t("brand.field.logo.hint")}
            </p>
            <FieldErrors name="logo" errors={logo.error ? [logo.error] : errors.logo} />
            {stored?.logoPath && (
              <label className="mt-2 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="removeLogo"
                  checked={removeLogo}
                  onChange={(e) => setRemoveLogo(e.target.checked)}
                />
                {t("brand.field.removeLogo")}
              </label>
            )}
          </div>
          <div className="flex items-end gap-3">
            <div className="grow">{field("colour", "text", { hint: t("brand.field.colour.hint"), maxLength: 7 })}</div>
            <input
              type="color"
              aria-label={t("brand.field.colourPicker")}
              value={HEX_COLOUR.test(effective("colour")) ? effective("colour") : "#0b4f8a"}
              onChange={set("colour")}
              className="mb-4 h-10 w-14 rounded border border-slate-500"
            />
          </div>
          {field("supportEmail", "email", { autoComplete: "off" })}
          {field("supportPhone", "tel", { autoComplete: "off" })}
          {field("supportUrl", "url", { autoComplete: "off" })}
          <Button type="submit" disabled={saving}>
            {t("brand.save")}
          </Button>
        </form>
        <form action={resetAction} className="mt-6 border-t border-slate-300 pt-4">
          <FormMessage state={resetState} />
          <input type="hidden" name="id" value={id} />
          <p className="mb-2 text-sm text-slate-700">
            {t(mode === "system" ? "brand.reset.system" : "brand.reset.env")}
          </p>
          <Button type="submit" variant="secondary" disabled={resetting}>
            {t("brand.reset")}
          </Button>
        </form>
      </div>
      <BrandPreview
        name={effective("displayName") || null}
        logoSrc={logoSrc}
        colour={effective("colour")}
        support={{
          email: effective("supportEmail") || null,
          phone: effective("supportPhone") || null,
          url: effective("supportUrl") || null,
        }}
        systemName={systemName}
      />
    </div>
  );
}
