import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/locale-switch";
import { getT } from "@/lib/i18n/server";

// Public pages about the portal itself (the API reference): no sign-in, they hold no one's data.
export default async function DocsLayout({ children }: { children: ReactNode }) {
  const { t } = await getT();
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        {t("app.skip")}
      </a>
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="font-bold underline-offset-2 hover:underline">
            {t("app.name")}
          </Link>
          <LocaleSwitch />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
