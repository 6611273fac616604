import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next*/**", "dist/**", ".data/**", "node_modules/**", "src/server/db/generated/**", "src/lib/visualizer/grammar/generated/**", "test-results/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // src/lib is pure code shared by server and browser: no server modules, no React.
    files: ["src/lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["~/server/*", "**/server/**", "react", "react-dom", "next/*"], message: "src/lib is pure: no server code, React or Next.js." }] },
      ],
    },
  },
  {
    // Libraries no first paint needs, loaded when used (docs/decisions/083 and 107): next-auth's browser client
    // (~8 kB gzip) and sonner (~9 kB).
    files: ["src/app/**", "src/components/**", "src/trpc/**"],
    ignores: ["src/components/auth/next-auth-client.ts", "src/components/ui/toast.ts", "src/components/ui/toaster.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next-auth/react",
              message: "Read the session with ~/components/auth/session (useSession, fetchSession); signIn/signOut from ~/components/auth/next-auth-client.",
            },
            { name: "sonner", message: "Import toast from ~/components/ui/toast; it loads sonner with the first toast." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/server/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["~/app/*", "**/app/**"], message: "src/server never imports from src/app." }] }],
    },
  },
]);
