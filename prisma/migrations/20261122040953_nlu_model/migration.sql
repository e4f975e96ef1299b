-- CreateTable
CREATE TABLE "BotVersionNluModel" (
    "botVersionId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "phraseCount" INTEGER NOT NULL,
    "trainMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BotVersionNluModel_pkey" PRIMARY KEY ("botVersionId")
);

-- AddForeignKey
ALTER TABLE "BotVersionNluModel" ADD CONSTRAINT "BotVersionNluModel_botVersionId_fkey" FOREIGN KEY ("botVersionId") REFERENCES "BotVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
