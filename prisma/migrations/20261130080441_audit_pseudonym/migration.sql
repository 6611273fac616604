-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "pseudonym" VARCHAR(40);

-- CreateIndex
CREATE INDEX "audit_events_pseudonym_idx" ON "audit_events"("pseudonym");
