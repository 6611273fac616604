/**
 * Security headers (docs/decisions/016 and 042). The ones that never change go on every response from here. The
 * pages' Content-Security-Policy carries a per-request nonce, so src/proxy.ts sets it; Strict-Transport-Security
 * depends on APP_URL at run time, so the server sets it (src/server/security-headers.ts). API routes answer JSON
 * and get a policy that allows nothing at all.
 */
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * A shared workflow's page (docs/decisions/090): its URL holds the token, so no Referer leaves it and no search engine
 * keeps it (the same values as SHARED_HEADERS in src/server/shares/shared.ts). Listed after the general headers, so
 * its Referrer-Policy wins.
 */
export const sharedPageHeaders = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Robots-Tag", value: "noindex, nofollow, noarchive" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
      { source: "/s/:path*", headers: sharedPageHeaders },
    ];
  },
  reactStrictMode: true,
  // Tools that build while another build is in use (benchmarks, system tests) may build elsewhere.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Native, WebAssembly or worker-thread packages stay outside the bundle and load from node_modules.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "@prisma/schema-engine-wasm",
    "pg",
    "pino",
    "@node-rs/argon2",
    "bcrypt",
  ],
};

export default nextConfig;
