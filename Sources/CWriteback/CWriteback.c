// sync_file_range is a GNU extension: Swift's Glibc module does not declare it, hence this C target.
#define _GNU_SOURCE
#include "CWriteback.h"

#include <fcntl.h>

#if defined(__linux__)

int comfykit_writeback_start(int fd, int64_t offset, int64_t length) {
    return sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
}

int comfykit_writeback_settle(int fd, int64_t offset, int64_t length) {
    unsigned int flags = SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER;
    if (sync_file_range(fd, offset, length, flags) != 0) return -1;
    (void)posix_fadvise(fd, offset, length, POSIX_FADV_DONTNEED);  // a hint: the pages are clean, nothing is lost
    return 0;
}

#else

int comfykit_writeback_start(int fd, int64_t offset, int64_t length) {
    (void)fd; (void)offset; (void)length;
    return 0;
}

int comfykit_writeback_settle(int fd, int64_t offset, int64_t length) {
    (void)fd; (void)offset; (void)length;
    return 0;
}

#endif
