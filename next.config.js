/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by Node at run time instead of bundled: smaller server build, one copy of each.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'better-auth', 'pino', 'pg'],
  poweredByHeader: false,
  // `npm test` type-checks the whole project with `tsc --noEmit`; checking again inside the
  // build would only slow `npm start` down.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
