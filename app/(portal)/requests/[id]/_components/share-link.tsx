import QRCode from "qrcode";
import type { Translate } from "@/lib/i18n";
import { shareMessages } from "@/lib/requests/share-message";
import { CopyButton } from "@/components/ui/copy-button";

const SHARE_LANGUAGES = [
  { lang: "nb", label: "share.messageNb" },
  { lang: "en", label: "share.messageEn" },
] as const;

/**
 * QR code (rendered here as SVG, so no script and no third-party service sees the link) and a
 * message in bokmål and English to paste into an e-mail or chat.
 */
export async function ShareLink({
  t,
  url,
  customerName,
  systemName,
}: {
  t: Translate;
  url: string;
  customerName: string;
  systemName: { nb: string; en: string };
}) {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  const messages = shareMessages({ customerName, systemName, url });
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <div
        role="img"
        aria-label={t("share.qr")}
        data-testid="confirm-qr"
        className="h-48 w-48 bg-white"
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <div className="space-y-4">
        {SHARE_LANGUAGES.map(({ lang, label }) => (
          <div key={lang}>
            <label htmlFor={`share-${lang}`} className="block text-sm font-medium">
              {t(label)}
            </label>
            <textarea
              id={`share-${lang}`}
              readOnly
              rows={7}
              value={messages[lang]}
              lang={lang}
              className="mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 font-mono text-xs"
            />
            <div className="mt-1">
              <CopyButton text={messages[lang]} label={t("share.copy")} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
