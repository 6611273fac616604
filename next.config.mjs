/** @type {import('next').NextConfig} */
const nextConfig = {
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
