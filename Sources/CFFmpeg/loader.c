#include "CFFmpeg.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <libavutil/log.h>

#define SONAME(lib, major) "lib" lib ".so." AV_STRINGIFY(major)

/// Every function used, as loaded from the libraries.
static struct {
    __typeof__(avformat_alloc_context) *avformat_alloc_context;
    __typeof__(avformat_open_input) *avformat_open_input;
    __typeof__(av_find_input_format) *av_find_input_format;
    __typeof__(avformat_close_input) *avformat_close_input;
    __typeof__(av_find_best_stream) *av_find_best_stream;
    __typeof__(av_read_frame) *av_read_frame;
    __typeof__(avio_alloc_context) *avio_alloc_context;
    __typeof__(avio_context_free) *avio_context_free;
    __typeof__(avcodec_alloc_context3) *avcodec_alloc_context3;
    __typeof__(avcodec_free_context) *avcodec_free_context;
    __typeof__(avcodec_parameters_to_context) *avcodec_parameters_to_context;
    __typeof__(avcodec_get_name) *avcodec_get_name;
    __typeof__(avcodec_open2) *avcodec_open2;
    __typeof__(avcodec_send_packet) *avcodec_send_packet;
    __typeof__(avcodec_receive_frame) *avcodec_receive_frame;
    __typeof__(av_packet_alloc) *av_packet_alloc;
    __typeof__(av_packet_free) *av_packet_free;
    __typeof__(av_packet_unref) *av_packet_unref;
    __typeof__(av_frame_alloc) *av_frame_alloc;
    __typeof__(av_frame_free) *av_frame_free;
    __typeof__(av_malloc) *av_malloc;
    __typeof__(av_free) *av_free;
    __typeof__(av_freep) *av_freep;
    __typeof__(av_strerror) *av_strerror;
    __typeof__(av_log_set_level) *av_log_set_level;
    __typeof__(sws_getContext) *sws_getContext;
    __typeof__(sws_scale) *sws_scale;
    __typeof__(sws_freeContext) *sws_freeContext;
} f;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];
static int loaded;

static void *open_library(const char *name) {
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!library && !failure[0]) snprintf(failure, sizeof failure, "FFmpeg's %s cannot be loaded: %s", name, dlerror());
    return library;
}

#define LOAD(library, name) \
    do { \
        if (!library) break; \
        *(void **)(&f.name) = dlsym(library, #name); \
        if (!f.name && !failure[0]) snprintf(failure, sizeof failure, "FFmpeg has no %s", #name); \
    } while (0)

static void load(void) {
    void *util = open_library(SONAME("avutil", LIBAVUTIL_VERSION_MAJOR));
    void *codec = open_library(SONAME("avcodec", LIBAVCODEC_VERSION_MAJOR));
    void *format = open_library(SONAME("avformat", LIBAVFORMAT_VERSION_MAJOR));
    void *scale = open_library(SONAME("swscale", LIBSWSCALE_VERSION_MAJOR));
    LOAD(format, avformat_alloc_context); LOAD(format, avformat_open_input); LOAD(format, av_find_input_format);
    LOAD(format, avformat_close_input); LOAD(format, av_find_best_stream); LOAD(format, av_read_frame);
    LOAD(format, avio_alloc_context); LOAD(format, avio_context_free);
    LOAD(codec, avcodec_alloc_context3); LOAD(codec, avcodec_free_context); LOAD(codec, avcodec_parameters_to_context);
    LOAD(codec, avcodec_get_name); LOAD(codec, avcodec_open2); LOAD(codec, avcodec_send_packet);
    LOAD(codec, avcodec_receive_frame); LOAD(codec, av_packet_alloc); LOAD(codec, av_packet_free);
    LOAD(codec, av_packet_unref);
    LOAD(util, av_frame_alloc); LOAD(util, av_frame_free); LOAD(util, av_malloc); LOAD(util, av_free);
    LOAD(util, av_freep); LOAD(util, av_strerror); LOAD(util, av_log_set_level);
    LOAD(scale, sws_getContext); LOAD(scale, sws_scale); LOAD(scale, sws_freeContext);
    if (failure[0]) return;
    f.av_log_set_level(AV_LOG_QUIET);
    loaded = 1;
}

const char *shim_ffmpeg_load(void) {
    pthread_once(&once, load);
    return loaded ? NULL : failure;
}

static int memory_read(void *opaque, uint8_t *buffer, int wanted) {
    shim_memory_input *input = (shim_memory_input *)opaque;
    int64_t left = input->size - input->position;
    if (left <= 0) return AVERROR_EOF;
    int count = wanted < left ? wanted : (int)left;
    memcpy(buffer, input->data + input->position, (size_t)count);
    input->position += count;
    return count;
}

static int64_t memory_seek(void *opaque, int64_t offset, int whence) {
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

AVIOContext *shim_memory_context(shim_memory_input *input) {
    const int size = 32768;
    uint8_t *buffer = f.av_malloc(size);
    if (!buffer) return NULL;
    AVIOContext *context = f.avio_alloc_context(buffer, size, 0, input, memory_read, NULL, memory_seek);
    if (!context) f.av_free(buffer);
    return context;
}

void shim_free_memory_context(AVIOContext **context) {
    if (*context) f.av_freep(&(*context)->buffer);
    f.avio_context_free(context);
}

void shim_use_memory_context(AVFormatContext *container, AVIOContext *input) {
    container->pb = input;
    container->flags |= AVFMT_FLAG_CUSTOM_IO;
}

int shim_scale_to_rgba(const AVFrame *frame, int out_width, int out_height, uint8_t *rgba) {
    struct SwsContext *scaler = f.sws_getContext(frame->width, frame->height, (enum AVPixelFormat)frame->format,
                                                 out_width, out_height, AV_PIX_FMT_RGBA, SWS_BILINEAR, NULL, NULL, NULL);
    if (!scaler) return AVERROR(EINVAL);
    uint8_t *planes[4] = { rgba, NULL, NULL, NULL };
    int strides[4] = { out_width * 4, 0, 0, 0 };
    int rows = f.sws_scale(scaler, (const uint8_t *const *)frame->data, frame->linesize, 0, frame->height, planes, strides);
    f.sws_freeContext(scaler);
    return rows > 0 ? 0 : AVERROR(EINVAL);
}

void shim_error_text(int code, char *text, size_t size) {
    if (f.av_strerror(code, text, size) < 0) snprintf(text, size, "error %d", code);
}

AVFormatContext *ck_avformat_alloc_context(void) { return f.avformat_alloc_context(); }
int ck_avformat_open_input(AVFormatContext **context, const char *url, const AVInputFormat *format, AVDictionary **options) {
    return f.avformat_open_input(context, url, format, options);
}
const AVInputFormat *ck_av_find_input_format(const char *name) { return f.av_find_input_format(name); }
void ck_avformat_close_input(AVFormatContext **context) { f.avformat_close_input(context); }
int ck_av_find_best_stream(AVFormatContext *context, enum AVMediaType type, int wanted, int related, const AVCodec **decoder, int flags) {
    return f.av_find_best_stream(context, type, wanted, related, decoder, flags);
}
AVCodecContext *ck_avcodec_alloc_context3(const AVCodec *codec) { return f.avcodec_alloc_context3(codec); }
void ck_avcodec_free_context(AVCodecContext **context) { f.avcodec_free_context(context); }
int ck_avcodec_parameters_to_context(AVCodecContext *context, const AVCodecParameters *parameters) {
    return f.avcodec_parameters_to_context(context, parameters);
}
const char *ck_avcodec_get_name(enum AVCodecID id) { return f.avcodec_get_name(id); }
int ck_avcodec_open2(AVCodecContext *context, const AVCodec *codec, AVDictionary **options) { return f.avcodec_open2(context, codec, options); }
AVPacket *ck_av_packet_alloc(void) { return f.av_packet_alloc(); }
void ck_av_packet_free(AVPacket **packet) { f.av_packet_free(packet); }
void ck_av_packet_unref(AVPacket *packet) { f.av_packet_unref(packet); }
AVFrame *ck_av_frame_alloc(void) { return f.av_frame_alloc(); }
void ck_av_frame_free(AVFrame **frame) { f.av_frame_free(frame); }
int ck_av_read_frame(AVFormatContext *context, AVPacket *packet) { return f.av_read_frame(context, packet); }
int ck_avcodec_send_packet(AVCodecContext *context, const AVPacket *packet) { return f.avcodec_send_packet(context, packet); }
int ck_avcodec_receive_frame(AVCodecContext *context, AVFrame *frame) { return f.avcodec_receive_frame(context, frame); }
