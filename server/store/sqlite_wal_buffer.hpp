// A SQLite VFS over the default one that gathers a transaction's WAL writes in memory and hands
// them to the kernel in one write when SQLite syncs the WAL, which it does at every commit with
// synchronous=FULL. SQLite writes each WAL frame as two writes (its 24-byte header, then the
// page): a batch of a hundred submissions was some 600 system calls, now one.
#pragma once

namespace motcua::server {

// The VFS's name, registered on the first call (not as the default). Only for a connection with
// synchronous=FULL or EXTRA: other connections must never read frames it has not synced yet.
const char* wal_buffer_vfs();

} // namespace motcua::server
