#include "CSndFile.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/// Every function used, as loaded from the library.
static struct {
    __typeof__(sf_open_virtual) *sf_open_virtual;
    __typeof__(sf_close) *sf_close;
    __typeof__(sf_strerror) *sf_strerror;
    __typeof__(sf_readf_float) *sf_readf_float;
    __typeof__(sf_error) *sf_error;
    __typeof__(sf_error_number) *sf_error_number;
} f;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];
static int loaded;

#define LOAD(name) \
    do { \
        *(void **)(&f.name) = dlsym(library, #name); \
        if (!f.name && !failure[0]) snprintf(failure, sizeof failure, "libsndfile has no %s", #name); \
    } while (0)

static void load(void) {
    // The soname libsndfile has had since 1.0 (Debian's libsndfile1).
    void *library = dlopen("libsndfile.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(failure, sizeof failure, "libsndfile.so.1 cannot be loaded: %s", dlerror());
        return;
    }
    LOAD(sf_open_virtual); LOAD(sf_close); LOAD(sf_strerror); LOAD(sf_readf_float); LOAD(sf_error); LOAD(sf_error_number);
    if (!failure[0]) loaded = 1;
}

const char *shim_sndfile_load(void) {
    pthread_once(&once, load);
    return loaded ? NULL : failure;
}

static sf_count_t sound_length(void *opaque) { return ((shim_sound_input *)opaque)->size; }

static sf_count_t sound_seek(sf_count_t offset, int whence, void *opaque) {
    shim_sound_input *input = (shim_sound_input *)opaque;
    sf_count_t target;
    switch (whence) {
    case SEEK_SET: target = offset; break;
    case SEEK_CUR: target = input->position + offset; break;
    case SEEK_END: target = input->size + offset; break;
    default: return -1;
    }
    if (target < 0 || target > input->size) return -1;
    input->position = target;
    return target;
}

static sf_count_t sound_read(void *buffer, sf_count_t wanted, void *opaque) {
    shim_sound_input *input = (shim_sound_input *)opaque;
    sf_count_t left = input->size - input->position;
    sf_count_t count = wanted < left ? wanted : left;
    if (count <= 0) return 0;
    memcpy(buffer, input->data + input->position, (size_t)count);
    input->position += count;
    return count;
}

static sf_count_t sound_write(const void *buffer, sf_count_t count, void *opaque) { return 0; }

static sf_count_t sound_tell(void *opaque) { return ((shim_sound_input *)opaque)->position; }

/// libsndfile keeps the reason an open failed in one global buffer (sf_strerror(NULL)), which another thread's
/// failed open would overwrite: opens are serialised and the reason copied out under the same lock.
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

SNDFILE *shim_sound_open(shim_sound_input *input, SF_INFO *info, char *why, size_t why_size) {
    static SF_VIRTUAL_IO io = { sound_length, sound_seek, sound_read, sound_write, sound_tell };
    memset(info, 0, sizeof *info);
    pthread_mutex_lock(&open_lock);
    SNDFILE *file = f.sf_open_virtual(&io, SFM_READ, info, input);
    if (!file && why && why_size > 0) snprintf(why, why_size, "%s", f.sf_strerror(NULL));
    pthread_mutex_unlock(&open_lock);
    return file;
}

int ck_sf_close(SNDFILE *file) { return f.sf_close(file); }
sf_count_t ck_sf_readf_float(SNDFILE *file, float *frames, sf_count_t count) { return f.sf_readf_float(file, frames, count); }
int ck_sf_error(SNDFILE *file) { return f.sf_error(file); }
const char *ck_sf_error_number(int error) { return f.sf_error_number(error); }
