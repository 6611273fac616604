-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "workflows_owner_created_idx" ON "workflows"("owner_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workflows_owner_size_idx" ON "workflows"("owner_id", "code_bytes" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workflows_owner_nodes_idx" ON "workflows"("owner_id", "node_count" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workflows_name_trgm_idx" ON "workflows" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "workflows_code_trgm_idx" ON "workflows" USING GIN ("code" gin_trgm_ops);
