"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import { translator, type Locale } from "@/lib/i18n";

const LocaleContext = createContext<Locale>("nb");

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } }));
  return (
    <LocaleContext.Provider value={locale}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale() {
  return useContext(LocaleContext);
}

export function useT() {
  return translator(useContext(LocaleContext));
}
