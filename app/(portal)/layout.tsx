import Link from "next/link";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { can } from "@/lib/auth/permissions";
import { LocaleSwitch } from "@/components/locale-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { NavLink } from "./_components/nav-link";
import { environmentContext } from "@/lib/environments/current";
import { EnvironmentSwitcher } from "./_components/environment-switcher";
import { ProductionBanner } from "./_components/production-banner";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const [{ t }, actor] = await Promise.all([getT(), requireActor()]);
  const { all, current } = await environmentContext(actor);
  const links = [
    { href: "/", label: t("nav.dashboard") },
    { href: "/environment", label: t("nav.environment") },
    { href: "/environments", label: t("envs.nav") },
    { href: "/systems", label: t("nav.systems") },
    { href: "/requests", label: t("nav.requests") },
    { href: "/customers", label: t("nav.customers") },
    { href: "/reconciliation", label: t("nav.reconciliation") },
    { href: "/webhooks", label: t("webhooks.nav") },
    { href: "/mail", label: t("mail.nav") },
    { href: "/calls", label: t("nav.calls") },
    ...(can(actor.role, "tokens.diagnose") ? [{ href: "/doctor", label: t("nav.doctor") }] : []),
    ...(can(actor.role, "audit.read") ? [{ href: "/audit", label: t("nav.audit") }] : []),
    ...(can(actor.role, "apikeys.manage") ? [{ href: "/api-keys", label: t("nav.api") }] : []),
    ...(can(actor.role, "users.manage") ? [{ href: "/users", label: t("nav.users") }] : []),
    { href: "/api-docs", label: t("nav.apiDocs") },
  ];
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        {t("app.skip")}
      </a>
      {current.kind === "production" && <ProductionBanner text={t("envs.banner", { name: current.name })} />}
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <p className="font-bold">{t("app.name")}</p>
          <div className="flex items-center gap-4 text-sm">
            <Link href="/account" className="underline underline-offset-2">
              {actor.name} · {t(`role.${actor.role}`)}
              <span className="sr-only"> ({t("account.nav")})</span>
            </Link>
            <LocaleSwitch />
            <SignOutButton label={t("nav.signout")} />
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4 pb-2">
          <EnvironmentSwitcher
            label={t("envs.switcher.label")}
            current={current.slug}
            productionLabel={t("envs.productionMark")}
            options={all.map((e) => ({ slug: e.slug, name: e.name, production: e.kind === "production" }))}
          />
        </div>
        <nav aria-label={t("nav.label")} className="mx-auto max-w-6xl px-4">
          <ul className="flex flex-wrap gap-1">
            {links.map((l) => (
              <li key={l.href}>
                <NavLink href={l.href}>{l.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
