import type { Translate } from "@/lib/i18n";
import { Card } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { OpenOnboardingToggle } from "./open-onboarding-toggle";

type Props = { id: string; open: boolean; link: string; manage: boolean; t: Translate };

/**
 * The system's open onboarding page: off until an admin turns it on (ADR 018), because anyone who has the
 * address can start requests in the vendor's name. The address is shown only while the page is open.
 */
export function OpenOnboardingCard({ id, open, link, manage, t }: Props) {
  return (
    <Card title={t("open.title")}>
      <p className="mb-3 text-sm text-slate-700">{t("open.explain")}</p>
      <p className="mb-2 font-medium" data-open={open}>
        {open ? t("open.on") : t("open.off")}
      </p>
      {open && (
        <>
          <p className="mb-2 break-all font-mono text-sm">
            <a className="text-brand-700 underline" href={link}>
              {link}
            </a>
          </p>
          <CopyButton text={link} />
        </>
      )}
      {manage && <OpenOnboardingToggle id={id} open={open} label={open ? t("open.disable") : t("open.enable")} />}
    </Card>
  );
}
