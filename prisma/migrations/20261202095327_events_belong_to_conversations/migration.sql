-- Events hang off their conversation instead of the workspace: the key to the workspace took a
-- lock on the workspace's row in every turn's transaction, and the only read (a transcript's
-- trace, by conversation) had no index to use.
-- DropForeignKey
ALTER TABLE "Event" DROP CONSTRAINT "Event_workspaceId_fkey";

-- DropIndex
DROP INDEX "Event_botId_type_createdAt_idx";

-- DropIndex
DROP INDEX "Event_workspaceId_createdAt_idx";

-- Events of conversations deleted before this key existed (nothing else writes events
-- without a conversation) would fail the constraints below: they belonged to nothing readable.
DELETE FROM "Event" e WHERE e."conversationId" IS NULL OR NOT EXISTS (SELECT 1 FROM "Conversation" c WHERE c.id = e."conversationId");

-- AlterTable
ALTER TABLE "Event" ALTER COLUMN "conversationId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Event_conversationId_id_idx" ON "Event"("conversationId", "id");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
