// tRPC + React Query for this page (src/trpc/api-layout.tsx, docs/decisions/083).
export { default } from "~/trpc/api-layout";
