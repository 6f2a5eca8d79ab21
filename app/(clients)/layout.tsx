import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/locale-switch";

export default function ClientsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-4xl justify-end px-4 py-3">
          <LocaleSwitch />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-4 py-10">
        {children}
      </main>
    </>
  );
}
