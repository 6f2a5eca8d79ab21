/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native argon2 and the pg driver stay outside the server bundle. The rate limiter too: its instances
  // are shared through globalThis, so every route must see one copy of its classes. prom-client and pino
  // likewise: the custom server (scripts/server.ts) and the app record into one registry and one logger
  // (lib/core/metrics.ts, lib/core/log.ts), loaded from node_modules once rather than bundled per route.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg",
    "@prisma/adapter-pg",
    "pg-boss",
    "rate-limiter-flexible",
    "prom-client",
    "pino",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Bulk onboarding uploads a CSV of up to 1 MB through a server action (default limit 1 MB with no
  // room for the multipart envelope).
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  // Security headers (CSP with a per-request nonce, HSTS, Referrer-Policy ...) are set per request in
  // proxy.ts (lib/core/security-headers.ts), not here: they depend on the request.
};

export default nextConfig;
