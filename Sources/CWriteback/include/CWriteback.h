#ifndef COMFYKIT_C_WRITEBACK_H
#define COMFYKIT_C_WRITEBACK_H

#include <stdint.h>

/// Starts writing the dirty pages of [offset, offset + length) of `fd` to disk without waiting for them
/// (Linux `sync_file_range(SYNC_FILE_RANGE_WRITE)`). Returns 0, or -1 with errno set. A no-op elsewhere.
int comfykit_writeback_start(int fd, int64_t offset, int64_t length);

/// Writes [offset, offset + length) of `fd` to disk and waits until it is there (Linux `sync_file_range` with
/// WAIT_BEFORE | WRITE | WAIT_AFTER), then lets the kernel drop those now clean pages from the page cache.
/// Returns 0, or -1 with errno set. Not a durability barrier (no metadata, no disk cache flush): the caller
/// still calls fdatasync at the end, which then finds little left to write. A no-op elsewhere.
int comfykit_writeback_settle(int fd, int64_t offset, int64_t length);

#endif
