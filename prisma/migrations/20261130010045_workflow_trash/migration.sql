-- AlterTable
ALTER TABLE "workflows" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "workflows_deleted_idx" ON "workflows"("deleted_at");
