/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native argon2 and the pg driver stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  // Bulk onboarding uploads a CSV of up to 1 MB through a server action (default limit 1 MB with no
  // room for the multipart envelope).
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
