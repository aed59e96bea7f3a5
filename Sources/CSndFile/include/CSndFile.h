// libsndfile (FLAC, Ogg Vorbis/Opus, MP3, WAV) for Swift (a sound's waveform). It is opened with dlopen on first use
// rather than linked, so the processes that never draw a sound never map it and its codecs. The in-memory reader is
// in C: sf_open_virtual takes a table of C callbacks.
#ifndef CSNDFILE_H
#define CSNDFILE_H
#include <sndfile.h>

/// NULL once libsndfile is loaded (the first call loads it, once per process); else why it cannot be.
const char *shim_sndfile_load(void);

/// The bytes a sound is read from, and how far it has read.
typedef struct {
    const unsigned char *data;
    sf_count_t size;
    sf_count_t position;
} shim_sound_input;

/// Opens `input` (which must outlive the handle) for reading; NULL with the reason copied into `why`.
SNDFILE *shim_sound_open(shim_sound_input *input, SF_INFO *info, char *why, size_t why_size);

// The libsndfile functions the decoder calls, through the loaded library (call shim_sndfile_load first).
int ck_sf_close(SNDFILE *file);
sf_count_t ck_sf_readf_float(SNDFILE *file, float *frames, sf_count_t count);
int ck_sf_error(SNDFILE *file);
const char *ck_sf_error_number(int error);
#endif
