-- AlterTable
ALTER TABLE "Bot" ADD COLUMN     "allowedOrigins" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "effectDeadlineAt" TIMESTAMP(3),
ADD COLUMN     "handoffDeadlineAt" TIMESTAMP(3),
ADD COLUMN     "idleDeadlineAt" TIMESTAMP(3),
ADD COLUMN     "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "messageCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tokenHash" TEXT,
ADD COLUMN     "turnCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "clientMessageId" TEXT,
ADD COLUMN     "seq" INTEGER NOT NULL,
ADD COLUMN     "turn" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "VisitorProfile" (
    "id" TEXT NOT NULL,
    "botId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "variables" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VisitorProfile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VisitorProfile_botId_visitorId_key" ON "VisitorProfile"("botId", "visitorId");

-- CreateIndex
CREATE INDEX "Conversation_status_idleDeadlineAt_idx" ON "Conversation"("status", "idleDeadlineAt");

-- CreateIndex
CREATE INDEX "Conversation_effectDeadlineAt_idx" ON "Conversation"("effectDeadlineAt");

-- CreateIndex
CREATE INDEX "Conversation_handoffDeadlineAt_idx" ON "Conversation"("handoffDeadlineAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_seq_key" ON "Message"("conversationId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_clientMessageId_key" ON "Message"("conversationId", "clientMessageId");

-- AddForeignKey
ALTER TABLE "VisitorProfile" ADD CONSTRAINT "VisitorProfile_botId_fkey" FOREIGN KEY ("botId") REFERENCES "Bot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
