// libsndfile (FLAC, Ogg Vorbis/Opus, MP3, WAV) for Swift, with the in-memory reader in C: sf_open_virtual takes a
// table of C callbacks.
#ifndef CSNDFILE_SHIM_H
#define CSNDFILE_SHIM_H
#include <string.h>
#include <sndfile.h>

/// The bytes a sound is read from, and how far it has read.
typedef struct {
    const unsigned char *data;
    sf_count_t size;
    sf_count_t position;
} shim_sound_input;

static inline sf_count_t shim_sound_length(void *opaque) { return ((shim_sound_input *)opaque)->size; }

static inline sf_count_t shim_sound_seek(sf_count_t offset, int whence, void *opaque) {
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

static inline sf_count_t shim_sound_read(void *buffer, sf_count_t wanted, void *opaque) {
    shim_sound_input *input = (shim_sound_input *)opaque;
    sf_count_t left = input->size - input->position;
    sf_count_t count = wanted < left ? wanted : left;
    if (count <= 0) return 0;
    memcpy(buffer, input->data + input->position, (size_t)count);
    input->position += count;
    return count;
}

static inline sf_count_t shim_sound_write(const void *buffer, sf_count_t count, void *opaque) { return 0; }

static inline sf_count_t shim_sound_tell(void *opaque) { return ((shim_sound_input *)opaque)->position; }

/// Opens `input` (which must outlive the handle) for reading; NULL with sf_strerror(NULL) saying why.
static inline SNDFILE *shim_sound_open(shim_sound_input *input, SF_INFO *info) {
    static SF_VIRTUAL_IO io = { shim_sound_length, shim_sound_seek, shim_sound_read, shim_sound_write, shim_sound_tell };
    memset(info, 0, sizeof *info);
    return sf_open_virtual(&io, SFM_READ, info, input);
}
#endif
