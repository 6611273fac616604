-- AlterTable
ALTER TABLE "workflows" ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "workflows_tags_idx" ON "workflows" USING GIN ("tags");
