"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const path = usePathname();
  // Whole segments only: "/environment" must not light up on "/environments".
  const active = href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`block rounded-t-md px-3 py-2 text-sm font-medium ${active ? "bg-slate-50 text-slate-900" : "text-white hover:bg-brand-700"}`}
    >
      {children}
    </Link>
  );
}
