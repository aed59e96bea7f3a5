// FFmpeg's libavformat, libavcodec, libswscale and libavutil for Swift (a video's first frame). They are opened with
// dlopen on first use rather than linked: linked, they and the ~130 libraries they need (x265, rav1e, librsvg,
// gnutls, ...) were mapped into every process at start-up, 15 MB of the TUI's resident memory before any video.
// The in-memory reader is in C too: avio_alloc_context takes C callbacks, and AVERROR(EAGAIN)/AVERROR_EOF are macros
// Swift cannot import.
#ifndef CFFMPEG_H
#define CFFMPEG_H
#include <errno.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/imgutils.h>

/// NULL once FFmpeg's libraries are loaded (the first call loads them, once per process, and silences FFmpeg's
/// logging, which would land in the middle of the TUI's screen); else why they cannot be.
const char *shim_ffmpeg_load(void);

/// The bytes a container is read from, and how far it has read.
typedef struct {
    const uint8_t *data;
    int64_t size;
    int64_t position;
} shim_memory_input;

/// A reader over `input` (which must outlive it), with a 32 KB buffer; NULL when out of memory.
AVIOContext *shim_memory_context(shim_memory_input *input);
/// Frees a reader made by shim_memory_context, and its buffer.
void shim_free_memory_context(AVIOContext **context);
/// Gives the container `input` to read (the caller frees it after the container, with shim_free_memory_context).
void shim_use_memory_context(AVFormatContext *container, AVIOContext *input);
/// Scales `frame` into `rgba` (out_width×out_height packed RGBA pixels); 0, or a negative AVERROR.
int shim_scale_to_rgba(const AVFrame *frame, int out_width, int out_height, uint8_t *rgba);
/// FFmpeg's words for an error code.
void shim_error_text(int code, char *text, size_t size);

static inline int shim_error_again(void) { return AVERROR(EAGAIN); }
static inline int shim_error_eof(void) { return AVERROR_EOF; }
static inline int shim_error_invalid_data(void) { return AVERROR_INVALIDDATA; }

// The FFmpeg functions the decoder calls, through the loaded libraries (call shim_ffmpeg_load first).
AVFormatContext *ck_avformat_alloc_context(void);
int ck_avformat_open_input(AVFormatContext **context, const char *url, const AVInputFormat *format, AVDictionary **options);
const AVInputFormat *ck_av_find_input_format(const char *name);
void ck_avformat_close_input(AVFormatContext **context);
int ck_av_find_best_stream(AVFormatContext *context, enum AVMediaType type, int wanted, int related, const AVCodec **decoder, int flags);
AVCodecContext *ck_avcodec_alloc_context3(const AVCodec *codec);
void ck_avcodec_free_context(AVCodecContext **context);
int ck_avcodec_parameters_to_context(AVCodecContext *context, const AVCodecParameters *parameters);
const char *ck_avcodec_get_name(enum AVCodecID id);
int ck_avcodec_open2(AVCodecContext *context, const AVCodec *codec, AVDictionary **options);
AVPacket *ck_av_packet_alloc(void);
void ck_av_packet_free(AVPacket **packet);
void ck_av_packet_unref(AVPacket *packet);
AVFrame *ck_av_frame_alloc(void);
void ck_av_frame_free(AVFrame **frame);
int ck_av_read_frame(AVFormatContext *context, AVPacket *packet);
int ck_avcodec_send_packet(AVCodecContext *context, const AVPacket *packet);
int ck_avcodec_receive_frame(AVCodecContext *context, AVFrame *frame);
#endif
