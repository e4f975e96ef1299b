#!/bin/sh
# Stand-in for the Prisma schema engine binary: `prisma generate` needs a path but never runs it.
echo "schema engine not available offline; see README (Migrations)" >&2
exit 1
