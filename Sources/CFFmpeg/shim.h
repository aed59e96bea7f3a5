// FFmpeg's libavformat, libavcodec, libswscale and libavutil for Swift (a video's first frame), with the in-memory
// reader in C: avio_alloc_context takes C callbacks, and AVERROR(EAGAIN)/AVERROR_EOF are macros Swift cannot import.
#ifndef CFFMPEG_SHIM_H
#define CFFMPEG_SHIM_H
#include <errno.h>
#include <string.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>

/// The bytes a container is read from, and how far it has read.
typedef struct {
    const uint8_t *data;
    int64_t size;
    int64_t position;
} shim_memory_input;

static inline int shim_memory_read(void *opaque, uint8_t *buffer, int wanted) {
    shim_memory_input *input = (shim_memory_input *)opaque;
    int64_t left = input->size - input->position;
    if (left <= 0) return AVERROR_EOF;
    int count = wanted < left ? wanted : (int)left;
    memcpy(buffer, input->data + input->position, (size_t)count);
    input->position += count;
    return count;
}

static inline int64_t shim_memory_seek(void *opaque, int64_t offset, int whence) {
    shim_memory_input *input = (shim_memory_input *)opaque;
    int64_t target;
    switch (whence & ~AVSEEK_FORCE) {
    case AVSEEK_SIZE: return input->size;
    case SEEK_SET: target = offset; break;
    case SEEK_CUR: target = input->position + offset; break;
    case SEEK_END: target = input->size + offset; break;
    default: return -1;
    }
    if (target < 0 || target > input->size) return -1;
    input->position = target;
    return target;
}

/// A reader over `input` (which must outlive it), with a 32 KB buffer; NULL when out of memory.
static inline AVIOContext *shim_memory_context(shim_memory_input *input) {
    const int size = 32768;
    uint8_t *buffer = av_malloc(size);
    if (!buffer) return NULL;
    AVIOContext *context = avio_alloc_context(buffer, size, 0, input, shim_memory_read, NULL, shim_memory_seek);
    if (!context) av_free(buffer);
    return context;
}

/// Frees a reader made by shim_memory_context, and its buffer.
static inline void shim_free_memory_context(AVIOContext **context) {
    if (*context) av_freep(&(*context)->buffer);
    avio_context_free(context);
}

/// Gives the container `input` to read (the caller frees it after the container, with shim_free_memory_context).
static inline void shim_use_memory_context(AVFormatContext *container, AVIOContext *input) {
    container->pb = input;
    container->flags |= AVFMT_FLAG_CUSTOM_IO;
}

/// Scales `frame` into `rgba` (out_width×out_height packed RGBA pixels); 0, or a negative AVERROR.
static inline int shim_scale_to_rgba(const AVFrame *frame, int out_width, int out_height, uint8_t *rgba) {
    struct SwsContext *scaler = sws_getContext(frame->width, frame->height, (enum AVPixelFormat)frame->format,
                                               out_width, out_height, AV_PIX_FMT_RGBA, SWS_BILINEAR, NULL, NULL, NULL);
    if (!scaler) return AVERROR(EINVAL);
    uint8_t *planes[4] = { rgba, NULL, NULL, NULL };
    int strides[4] = { out_width * 4, 0, 0, 0 };
    int rows = sws_scale(scaler, (const uint8_t *const *)frame->data, frame->linesize, 0, frame->height, planes, strides);
    sws_freeContext(scaler);
    return rows > 0 ? 0 : AVERROR(EINVAL);
}

/// FFmpeg says nothing on stderr (it would land in the middle of the TUI's screen); failures come back as codes.
static inline void shim_quiet(void) { av_log_set_level(AV_LOG_QUIET); }

static inline int shim_error_again(void) { return AVERROR(EAGAIN); }
static inline int shim_error_eof(void) { return AVERROR_EOF; }
static inline int shim_error_invalid_data(void) { return AVERROR_INVALIDDATA; }

/// FFmpeg's words for an error code.
static inline void shim_error_text(int code, char *text, size_t size) { av_strerror(code, text, size); }
#endif
